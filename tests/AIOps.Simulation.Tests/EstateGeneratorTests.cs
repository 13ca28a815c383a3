using System.Diagnostics;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace AIOps.Simulation.Tests;

public sealed class EstateGeneratorTests
{
    [Fact]
    public void SameSeedGivesIdenticalResourcesAndMetricValues()
    {
        var a = new TestEstate(seed: 11);
        var b = new TestEstate(seed: 11);
        var ra = a.Estate.Resources();
        var rb = b.Estate.Resources();
        Assert.Equal(ra.Select(r => r.Id), rb.Select(r => r.Id));
        Assert.Equal(ra.Select(r => (r.Spec.CostPerHour, string.Join(',', r.Spec.DesiredState.OrderBy(k => k.Key)), string.Join(',', r.Spec.Dependencies))), rb.Select(r => (r.Spec.CostPerHour, string.Join(',', r.Spec.DesiredState.OrderBy(k => k.Key)), string.Join(',', r.Spec.Dependencies))));
        var at = TestEstate.Start.AddHours(3.5);
        Assert.Equal(a.Estate.Sample(at).Select(s => (s.Metric, s.Labels["resource_id"], s.Value)), b.Estate.Sample(at).Select(s => (s.Metric, s.Labels["resource_id"], s.Value)));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentEstates()
    {
        var a = new TestEstate(seed: 1).Estate.Resources().Select(r => r.Id).ToHashSet();
        var b = new TestEstate(seed: 2).Estate.Resources().Select(r => r.Id).ToHashSet();
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void DefaultEstateHasAboutThreeHundredResourcesAcrossAllProviders()
    {
        var resources = new TestEstate().Estate.Resources();
        Assert.InRange(resources.Count, 250, 350);
        foreach (var kind in new[] { ResourceKinds.Ec2Instance, ResourceKinds.EbsVolume, ResourceKinds.LoadBalancer, ResourceKinds.AzureVm, ResourceKinds.ManagedDisk, ResourceKinds.Node, ResourceKinds.Deployment, ResourceKinds.Pod, ResourceKinds.Service, ResourceKinds.TerraformInstance })
        {
            Assert.Contains(resources, r => r.Spec.Kind == kind);
        }

        Assert.Equal(2, resources.Where(r => r.Spec.Kind == ResourceKinds.Node).Select(r => r.Spec.Tags["cluster"]).Distinct().Count());
        Assert.All(resources, r => Assert.True(r.Spec.Tags.ContainsKey("team") && r.Spec.Tags.ContainsKey("env"), r.Id));
        Assert.Contains(resources, r => r.Id.StartsWith("aws:ec2:eu-west-1:i-0", StringComparison.Ordinal));
        Assert.Contains(resources, r => r.Id.StartsWith("k8s:prod-eu:deployment/", StringComparison.Ordinal));
    }

    [Fact]
    public void DependenciesFollowServiceDeploymentPodNodeAndMachineDiskAndTerraformToCloud()
    {
        var resources = new TestEstate().Estate.Resources().ToDictionary(r => r.Id);
        string Kind(string id) => resources[id].Spec.Kind;
        foreach (var r in resources.Values)
        {
            Assert.All(r.Spec.Dependencies, d => Assert.True(resources.ContainsKey(d), $"{r.Id} depends on missing {d}"));
            switch (r.Spec.Kind)
            {
                case ResourceKinds.Service:
                    Assert.Equal(ResourceKinds.Deployment, Kind(Assert.Single(r.Spec.Dependencies)));
                    break;
                case ResourceKinds.Deployment:
                    Assert.Equal(int.Parse(r.Spec.DesiredState["replicas"], System.Globalization.CultureInfo.InvariantCulture), r.Spec.Dependencies.Length);
                    Assert.All(r.Spec.Dependencies, d => Assert.Equal(ResourceKinds.Pod, Kind(d)));
                    break;
                case ResourceKinds.Pod:
                    Assert.Equal(ResourceKinds.Node, Kind(Assert.Single(r.Spec.Dependencies)));
                    break;
                case ResourceKinds.LoadBalancer:
                    Assert.All(r.Spec.Dependencies, d => Assert.Equal(ResourceKinds.Ec2Instance, Kind(d)));
                    break;
                case ResourceKinds.Ec2Instance or ResourceKinds.AzureVm:
                    Assert.True(ResourceKinds.IsVolume(Kind(Assert.Single(r.Spec.Dependencies))));
                    break;
                case ResourceKinds.TerraformInstance:
                    var cloud = resources[Assert.Single(r.Spec.Dependencies)];
                    Assert.Equal(ResourceKinds.Ec2Instance, cloud.Spec.Kind);
                    Assert.Equal(r.Spec.DesiredState["instance_type"], cloud.Observed["instanceType"]);
                    break;
                default:
                    break;
            }
        }
    }

    [Fact]
    public void CostsComeFromThePriceTable()
    {
        var resources = new TestEstate().Estate.Resources();
        var prices = PriceTable.Default;
        Assert.All(resources.Where(r => r.Spec.Kind == ResourceKinds.Ec2Instance), r => Assert.Equal(prices.InstancePerHour(r.Spec.DesiredState["instanceType"]), r.Spec.CostPerHour));
        Assert.All(resources.Where(r => r.Spec.Kind == ResourceKinds.AzureVm), r => Assert.Equal(prices.VmPerHour(r.Spec.DesiredState["vmSize"]), r.Spec.CostPerHour));
        Assert.All(resources.Where(r => r.Spec.Kind == ResourceKinds.EbsVolume), r => Assert.Equal(prices.VolumePerHour(r.Spec.DesiredState["volumeType"], int.Parse(r.Spec.DesiredState["sizeGb"], System.Globalization.CultureInfo.InvariantCulture)), r.Spec.CostPerHour));
        Assert.All(resources.Where(r => r.Spec.Kind == ResourceKinds.Node), r => Assert.Equal(prices.InstancePerHour(r.Spec.DesiredState["instanceType"]), r.Spec.CostPerHour));
        Assert.Equal(0.192m, prices.InstancePerHour("m5.xlarge"));
        Assert.Equal(Math.Round(0.08m * 100 / 730m, 6), prices.VolumePerHour("gp3", 100));
    }

    [Fact]
    public void HundredThousandResourcesGenerateInSecondsAndCanBeSampled()
    {
        var time = new FakeTimeProvider(TestEstate.Start);
        var watch = Stopwatch.StartNew();
        var estate = SimulatedEstate.Create(new EstateOptions { Seed = 3, ResourceCount = 100_000 }, time);
        watch.Stop();
        Assert.InRange(estate.Count, 95_000, 105_000);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        var pod = estate.Resources().First(r => r.Spec.Kind == ResourceKinds.Pod).Id;
        Assert.NotNull(estate.Value(pod, MetricNames.CpuRatio, TestEstate.Start));
    }
}
