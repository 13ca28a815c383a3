using System.Collections.Immutable;
using AIOps.Simulation.Randomness;

namespace AIOps.Simulation.Estate;

/// <summary>
/// Generates a multi-cloud estate from a seed: AWS-like EC2 instances with EBS volumes behind load balancers, Azure-like
/// VMs with managed disks, two Kubernetes-like clusters (nodes, deployments, pods, services) and a Terraform workspace
/// managing part of the AWS estate. Dependencies: service → deployment → pods → node; load balancer → instances;
/// machine → disk; Terraform address → cloud resource.
/// </summary>
public static class EstateGenerator
{
    internal static readonly string[] Teams = ["shop", "payments", "search", "platform", "data"];

    private static readonly string[] Apps =
    [
        "cart", "checkout", "catalog", "ledger", "gateway", "indexer", "recommender", "inventory", "pricing", "auth",
        "notifications", "billing", "orders", "shipping", "reviews", "profile", "search-api", "ingest", "reporting", "fraud",
    ];

    private static readonly string[] InstanceTypes = ["t3.medium", "t3.large", "m5.large", "m5.xlarge", "c5.large", "c5.xlarge", "r5.large"];
    private static readonly string[] NodeTypes = ["m5.xlarge", "m5.2xlarge"];
    private static readonly string[] VmSizes = ["Standard_B2s", "Standard_D2s_v5", "Standard_D4s_v5", "Standard_E2s_v5", "Standard_F2s_v2"];

    /// <summary>Generates the estate described by <paramref name="options"/>, driven by <paramref name="timeProvider"/>.</summary>
    public static SimulatedEstate Generate(EstateOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var resources = new Dictionary<string, SimResource>(options.ResourceCount + 64, StringComparer.Ordinal);
        new Builder(options, resources).Build();
        return new SimulatedEstate(options, timeProvider, resources);
    }

    private sealed class Builder(EstateOptions options, Dictionary<string, SimResource> resources)
    {
        private readonly SeededRandom _rng = new(options.Seed);
        private readonly PriceTable _prices = PriceTable.Default;
        private readonly Dictionary<string, ImmutableDictionary<string, string>> _tagCache = new(StringComparer.Ordinal);

        public void Build()
        {
            var n = options.ResourceCount;
            BuildKubernetes(Math.Max(4, (int)Math.Round(n * 0.08)));
            BuildAws(Math.Max(4, (int)Math.Round(n * 0.12)));
            BuildAzure(Math.Max(2, (int)Math.Round(n * 0.08)));
        }

        private void BuildKubernetes(int deploymentCount)
        {
            var clusters = new[] { (Name: "prod-eu", Region: "eu-west-1", Env: "prod", Offset: 1.0), (Name: "staging-us", Region: "us-east-1", Env: "staging", Offset: -5.0) };
            var plans = new List<(int Cluster, string Team, string App, int Replicas)>(deploymentCount);
            var podsPerCluster = new int[clusters.Length];
            for (var i = 0; i < deploymentCount; i++)
            {
                var cluster = i % 3 == 2 ? 1 : 0;
                var app = i < Apps.Length ? Apps[i] : $"{Apps[i % Apps.Length]}-{i / Apps.Length}";
                var replicas = _rng.Next(2, 6);
                plans.Add((cluster, _rng.Pick(Teams), app, replicas));
                podsPerCluster[cluster] += replicas;
            }

            var nodes = new List<SimResource>[clusters.Length];
            for (var c = 0; c < clusters.Length; c++)
            {
                var (name, region, env, offset) = clusters[c];
                nodes[c] = [];
                var count = Math.Max(3, (podsPerCluster[c] + 7) / 8);
                for (var k = 0; k < count; k++)
                {
                    var type = _rng.Pick(NodeTypes);
                    var host = $"ip-10-{c}-{_rng.Next(0, 256)}-{_rng.Next(1, 255)}.{region}.compute.internal";
                    var id = $"k8s:{name}:node/{host}";
                    if (resources.ContainsKey(id))
                    {
                        host = $"{host}-{k}";
                        id = $"k8s:{name}:node/{host}";
                    }

                    var vcpus = PriceTable.VCpus(type);
                    var node = new SimResource(id, "k8s", ResourceKinds.Node, host, name, Tags("platform", env, ("cluster", name)), Profile(offset, 0, vcpus * 4.0 * (1 << 30)))
                    {
                        Cluster = name,
                    };
                    SetState(node, new() { ["instanceType"] = type, ["ready"] = "True", ["kubeletVersion"] = "v1.31.4", ["zone"] = $"{region}{"abc"[k % 3]}" });
                    Add(node, new ResourcePhase(DateTimeOffset.MinValue, true, vcpus, 0, _prices.InstancePerHour(type), 100));
                    nodes[c].Add(node);
                }
            }

            var nextNode = new int[clusters.Length];
            foreach (var (c, team, app, replicas) in plans)
            {
                var (cluster, region, env, offset) = clusters[c];
                var tags = Tags(team, env, ("cluster", cluster), ("namespace", team), ("app", app));
                var profile = Profile(offset, _rng.Between(20, 400), (double)(512L << _rng.Next(0, 3)) * (1 << 20));
                var deployment = new SimResource($"k8s:{cluster}:deployment/{team}/{app}", "k8s", ResourceKinds.Deployment, app, $"{cluster}/{team}", tags, profile)
                {
                    Cluster = cluster,
                    Namespace = team,
                };
                var revision = _rng.Next(2, 30);
                var version = $"1.{_rng.Next(0, 20)}.{_rng.Next(0, 10)}";
                var image = $"registry.example.com/{team}/{app}:{version}";
                deployment.Revisions.Add(new(revision - 1, $"registry.example.com/{team}/{app}:1.{_rng.Next(0, 20)}.{_rng.Next(0, 10)}-prev"));
                deployment.Revisions.Add(new(revision, image));
                SetState(deployment, new() { ["replicas"] = replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), ["image"] = image, ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture), ["strategy"] = "RollingUpdate" });
                Add(deployment, new ResourcePhase(DateTimeOffset.MinValue, true, 0, replicas, 0m, 0));
                var pods = ImmutableArray.CreateBuilder<string>(replicas);
                for (var r = 0; r < replicas; r++)
                {
                    var node = nodes[c][nextNode[c]++ % nodes[c].Count];
                    var pod = PodFactory.Create(options.Seed, deployment, node, deployment.Revisions.Count * 1000 + r, null);
                    resources.Add(pod.Id, pod);
                    pods.Add(pod.Id);
                }

                deployment.Dependencies = pods.MoveToImmutable();
                var service = new SimResource($"k8s:{cluster}:service/{team}/{app}", "k8s", ResourceKinds.Service, app, $"{cluster}/{team}", tags, profile)
                {
                    Cluster = cluster,
                    Namespace = team,
                    Dependencies = [deployment.Id],
                };
                SetState(service, new() { ["type"] = "ClusterIP", ["port"] = "80", ["targetPort"] = "8080", ["selector"] = $"app={app}" });
                Add(service, new ResourcePhase(DateTimeOffset.MinValue, true, 0, 0, 0m, 0));
            }
        }

        private void BuildAws(int instanceCount)
        {
            var regions = new[] { ("us-east-1", -5.0), ("eu-west-1", 1.0) };
            var lbCount = Math.Max(1, instanceCount / 8);
            var lbTargets = new List<string>[lbCount];
            for (var j = 0; j < lbCount; j++)
            {
                lbTargets[j] = [];
            }

            for (var i = 0; i < instanceCount; i++)
            {
                var (region, offset) = regions[i % regions.Length];
                var team = _rng.Pick(Teams);
                var env = _rng.NextDouble() < 0.7 ? "prod" : "staging";
                var type = _rng.Pick(InstanceTypes);
                var vcpus = PriceTable.VCpus(type);
                var instanceId = $"i-0{_rng.Hex(16)}";
                var volumeId = $"vol-0{_rng.Hex(16)}";
                var az = $"{region}{"abc"[_rng.Next(0, 3)]}";
                var sizeGb = 20 * _rng.Next(1, 26);
                var volumeType = _rng.NextDouble() < 0.8 ? "gp3" : "gp2";
                var managed = env == "prod" && i % 2 == 0;
                var name = $"{team}-{env}-{i:000}";
                var tags = managed ? Tags(team, env, ("Name", name), ("managed-by", "terraform")) : Tags(team, env, ("Name", name));

                var volume = new SimResource($"aws:ebs:{region}:{volumeId}", "aws", ResourceKinds.EbsVolume, volumeId, region, tags, Profile(offset, 0, 0));
                SetState(volume, new() { ["sizeGb"] = Invariant(sizeGb), ["volumeType"] = volumeType, ["state"] = "in-use", ["attachedTo"] = instanceId, ["availabilityZone"] = az });
                Add(volume, new ResourcePhase(DateTimeOffset.MinValue, true, 0, 0, _prices.VolumePerHour(volumeType, sizeGb), sizeGb));

                var instance = new SimResource($"aws:ec2:{region}:{instanceId}", "aws", ResourceKinds.Ec2Instance, instanceId, region, tags, Profile(offset, _rng.Between(5, 120), vcpus * 4.0 * (1 << 30)))
                {
                    Dependencies = [volume.Id],
                };
                var ami = $"ami-0{_rng.Hex(16)}";
                SetState(instance, new() { ["instanceType"] = type, ["state"] = "running", ["ami"] = ami, ["availabilityZone"] = az, ["rootVolume"] = volumeId });
                Add(instance, new ResourcePhase(DateTimeOffset.MinValue, true, vcpus, 0, _prices.InstancePerHour(type), sizeGb));

                if (managed)
                {
                    var address = $"aws_instance.{team}_{i:000}";
                    var tfInstance = new SimResource($"tf:prod-infra:{address}", "tf", ResourceKinds.TerraformInstance, address, "prod-infra", tags, Profile(offset, 0, 0))
                    {
                        Dependencies = [instance.Id],
                    };
                    SetState(tfInstance, new() { ["id"] = instanceId, ["instance_type"] = type, ["ami"] = ami, ["availability_zone"] = az, ["tags.team"] = team, ["tags.Name"] = name });
                    Add(tfInstance, new ResourcePhase(DateTimeOffset.MinValue, true, 0, 0, 0m, 0));
                    var volumeAddress = $"aws_ebs_volume.{team}_{i:000}";
                    var tfVolume = new SimResource($"tf:prod-infra:{volumeAddress}", "tf", ResourceKinds.TerraformVolume, volumeAddress, "prod-infra", tags, Profile(offset, 0, 0))
                    {
                        Dependencies = [volume.Id],
                    };
                    SetState(tfVolume, new() { ["id"] = volumeId, ["size"] = Invariant(sizeGb), ["type"] = volumeType, ["availability_zone"] = az });
                    Add(tfVolume, new ResourcePhase(DateTimeOffset.MinValue, true, 0, 0, 0m, 0));
                }

                if (env == "prod")
                {
                    lbTargets[i % lbCount].Add(instance.Id);
                }
            }

            for (var j = 0; j < lbCount; j++)
            {
                if (lbTargets[j].Count == 0)
                {
                    continue;
                }

                var (region, offset) = regions[j % regions.Length];
                var team = _rng.Pick(Teams);
                var name = $"{team}-prod-alb-{j:00}";
                var lb = new SimResource($"aws:elb:{region}:{name}", "aws", ResourceKinds.LoadBalancer, name, region, Tags(team, "prod"), Profile(offset, _rng.Between(50, 800), 0))
                {
                    Dependencies = [.. lbTargets[j]],
                };
                SetState(lb, new() { ["type"] = "application", ["scheme"] = "internet-facing", ["listeners"] = "HTTPS:443" });
                Add(lb, new ResourcePhase(DateTimeOffset.MinValue, true, 0, 0, _prices.LoadBalancerPerHour, 0));
            }
        }

        private void BuildAzure(int vmCount)
        {
            var subscription = $"{_rng.Hex(8)}-{_rng.Hex(4)}-{_rng.Hex(4)}-{_rng.Hex(4)}-{_rng.Hex(12)}";
            var locations = new[] { ("westeurope", 1.0), ("eastus", -5.0) };
            for (var i = 0; i < vmCount; i++)
            {
                var (location, offset) = locations[i % locations.Length];
                var team = _rng.Pick(Teams);
                var env = _rng.NextDouble() < 0.6 ? "prod" : "dev";
                var size = _rng.Pick(VmSizes);
                var vcpus = PriceTable.VCpus(size);
                var rg = $"rg-{team}-{env}";
                var name = $"vm-{team}-{env}-{i:000}";
                var sku = _rng.NextDouble() < 0.7 ? "Premium_LRS" : "StandardSSD_LRS";
                var sizeGb = 32 << _rng.Next(0, 4);
                var tags = Tags(team, env);
                var disk = new SimResource($"azure:disk:{subscription}/{rg}/{name}-osdisk", "azure", ResourceKinds.ManagedDisk, $"{name}-osdisk", location, tags, Profile(offset, 0, 0));
                SetState(disk, new() { ["sizeGb"] = Invariant(sizeGb), ["sku"] = sku, ["diskState"] = "Attached", ["managedBy"] = name });
                Add(disk, new ResourcePhase(DateTimeOffset.MinValue, true, 0, 0, _prices.VolumePerHour(sku, sizeGb), sizeGb));
                var vm = new SimResource($"azure:vm:{subscription}/{rg}/{name}", "azure", ResourceKinds.AzureVm, name, location, tags, Profile(offset, _rng.Between(5, 120), vcpus * 4.0 * (1 << 30)))
                {
                    Dependencies = [disk.Id],
                };
                SetState(vm, new() { ["vmSize"] = size, ["powerState"] = "running", ["osDisk"] = disk.Name, ["image"] = "Canonical:ubuntu-24_04-lts:server:latest" });
                Add(vm, new ResourcePhase(DateTimeOffset.MinValue, true, vcpus, 0, _prices.VmPerHour(size), sizeGb));
            }
        }

        private MetricProfile Profile(double utcOffset, double rps, double memoryBytes) => new(
            BaseLoad: _rng.Between(0.15, 0.45),
            DailyAmplitude: _rng.Between(0.25, 0.5),
            WeeklyAmplitude: _rng.Between(0.1, 0.3),
            TrendPerDay: _rng.Between(0, 0.0005),
            Noise: _rng.Between(0.02, 0.06),
            UtcOffsetHours: utcOffset,
            BaseRps: rps,
            BaseLatency: _rng.Between(0.04, 0.18),
            BaseErrorRatio: _rng.Between(0.0005, 0.004),
            MemoryLimitBytes: memoryBytes,
            BaseMemoryRatio: _rng.Between(0.3, 0.6),
            DiskBaseRatio: _rng.Between(0.2, 0.55));

        private void SetState(SimResource resource, Dictionary<string, string> state)
        {
            var desired = state.ToImmutableDictionary(StringComparer.Ordinal);
            resource.Desired = desired;
            resource.Observed = desired;
        }

        private void Add(SimResource resource, ResourcePhase phase)
        {
            resource.Phases.Add(phase);
            resource.BaselineCost = phase.CostPerHour;
            resources.Add(resource.Id, resource);
        }

        private ImmutableDictionary<string, string> Tags(string team, string env, params (string Key, string Value)[] extra)
        {
            var key = string.Join('\u001f', [team, env, .. extra.Select(e => $"{e.Key}={e.Value}")]);
            if (!_tagCache.TryGetValue(key, out var tags))
            {
                var b = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                b["team"] = team;
                b["env"] = env;
                foreach (var (k, v) in extra)
                {
                    b[k] = v;
                }

                tags = b.ToImmutable();
                _tagCache[key] = tags;
            }

            return tags;
        }

        private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
