using AIOps.Abstractions.Resources;
using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;
using AIOps.Simulation.Scenarios;

namespace AIOps.Simulation.Tests;

public sealed class ScenarioTests
{
    [Fact]
    public void MemoryLeakRampsMemoryUntilOomKillsAndARolloutRestartEndsIt()
    {
        var t = new TestEstate();
        var info = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.MemoryLeak, Intensity: 2));
        var deployment = info.TargetId;
        var pod = t.Estate.Get(deployment)!.Spec.Dependencies[0];
        Assert.Equal(deployment, info.GroundTruth.RootCauseId);
        Assert.Contains(pod, info.GroundTruth.AffectedIds);
        var before = t.Estate.Value(pod, MetricNames.MemoryRatio, t.Now)!.Value;
        var rising = t.Estate.Value(pod, MetricNames.MemoryRatio, t.Now.AddMinutes(20))!.Value;
        Assert.True(rising > before + 0.1, $"{before} -> {rising}");

        t.Advance(TimeSpan.FromMinutes(75));
        Assert.True(t.Estate.Value(pod, MetricNames.PodRestarts, t.Now) >= 2);
        Assert.Contains(t.Estate.Events(), e => e.Reason == "OOMKilling" && e.Type == "Warning");
        Assert.Contains(t.Estate.Events(), e => e.Reason == "BackOff" && e.ResourceId == pod);
        Assert.Contains(t.Estate.Logs(), l => l.ResourceId == pod && l.Level == "FATAL" && l.Message.Contains("OutOfMemoryException", StringComparison.Ordinal));
        Assert.Contains(t.Estate.Alerts(), a => a.Name == "KubePodCrashLooping" && a.Labels["resource_id"] == pod && a.Status == "firing");
        Assert.Equal(ResourceHealth.Degraded, t.Estate.Get(pod)!.Health);

        var result = t.Estate.Apply(new RestartAction(deployment));
        Assert.Contains(info.Id, result.ResolvedScenarioIds);
        Assert.Null(t.Estate.Get(pod));
        t.Advance(TimeSpan.FromMinutes(90));
        var newPod = t.Estate.Get(deployment)!.Spec.Dependencies[0];
        Assert.True(t.Estate.Value(newPod, MetricNames.MemoryRatio, t.Now) < 0.8);
        Assert.Equal(0, t.Estate.Value(newPod, MetricNames.PodRestarts, t.Now));
        Assert.Equal(ScenarioStatus.Resolved, t.Estate.GetScenario(info.Id)!.Status);
        Assert.NotNull(t.Estate.GetScenario(info.Id)!.GroundTruth.EndedAt);
    }

    [Fact]
    public void TrafficSpikeSaturatesPodsUntilScalingAbsorbsIt()
    {
        var t = new TestEstate();
        var service = t.OfKind(ResourceKinds.Service).First();
        var deployment = service.Spec.Dependencies[0];
        var info = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.TrafficSpike, service.Id, Intensity: 10, Duration: TimeSpan.FromHours(2)));
        t.Advance(TimeSpan.FromMinutes(12));
        Assert.True(t.Estate.Value(deployment, MetricNames.ErrorRatio, t.Now) > 0.05);
        Assert.Contains(t.Estate.Alerts(), a => a.Name == "HighErrorRate" && a.Status == "firing" && info.GroundTruth.AffectedIds.Contains(a.Labels["resource_id"]));
        Assert.Contains(t.Estate.Logs(), l => l.Level == "ERROR" && l.Message.StartsWith("503 Service Unavailable", StringComparison.Ordinal));

        var replicas = t.Estate.Get(deployment)!.Spec.Dependencies.Length;
        var result = t.Estate.Apply(new ScaleAction(deployment, replicas * 12));
        Assert.Contains(info.Id, result.ResolvedScenarioIds);
        t.Advance(TimeSpan.FromMinutes(5));
        Assert.True(t.Estate.Value(deployment, MetricNames.ErrorRatio, t.Now) < 0.02);
        Assert.True(t.Estate.Value(deployment, MetricNames.RequestRate, t.Now) > t.Estate.Value(deployment, MetricNames.RequestRate, TestEstate.Start) * 5, "the traffic stays; the pods absorb it");
        Assert.Contains(t.Estate.Alerts(), a => a.Name == "HighErrorRate" && a.Status == "resolved");
    }

    [Fact]
    public void BadDeployRaisesErrorsOnTheNewRevisionAndRollbackEndsIt()
    {
        var t = new TestEstate();
        var deployment = t.OfKind(ResourceKinds.Deployment).First();
        var info = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.BadDeploy, deployment.Id));
        var after = t.Estate.Get(deployment.Id)!;
        Assert.NotEqual(deployment.Spec.DesiredState["image"], after.Spec.DesiredState["image"]);
        Assert.DoesNotContain(deployment.Spec.Dependencies[0], after.Spec.Dependencies);
        Assert.Contains(t.Estate.Events(), e => e.Reason == "ScalingReplicaSet" && e.ResourceId == deployment.Id);
        t.Advance(TimeSpan.FromMinutes(5));
        Assert.True(t.Estate.Value(deployment.Id, MetricNames.ErrorRatio, t.Now) > 0.2);
        Assert.Contains(t.Estate.Alerts(), a => a.Name == "HighErrorRate" && a.Labels["resource_id"] == deployment.Id);
        Assert.Contains(t.Estate.Logs(), l => l.Level == "ERROR" && l.Message.Contains("NullReferenceException", StringComparison.Ordinal));

        Assert.Throws<ActionValidationException>(() => t.Estate.Apply(new RollbackAction(deployment.Id, 99999)));
        var result = t.Estate.Apply(new RollbackAction(deployment.Id));
        Assert.Contains(info.Id, result.ResolvedScenarioIds);
        Assert.Equal(deployment.Spec.DesiredState["image"], t.Estate.Get(deployment.Id)!.Spec.DesiredState["image"]);
        t.Advance(TimeSpan.FromMinutes(5));
        Assert.True(t.Estate.Value(deployment.Id, MetricNames.ErrorRatio, t.Now) < 0.02);
        Assert.Contains(t.Estate.Alerts(), a => a.Name == "HighErrorRate" && a.Labels["resource_id"] == deployment.Id && a.Status == "resolved");
    }

    [Fact]
    public void DiskFillingRampsToFullAndRestartingTheWriterEndsIt()
    {
        var t = new TestEstate();
        var info = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.DiskFilling, Intensity: 2));
        var volume = info.TargetId;
        var machine = info.GroundTruth.AffectedIds[1];
        t.Advance(TimeSpan.FromMinutes(40));
        Assert.True(t.Estate.Value(volume, MetricNames.DiskUsedRatio, t.Now) > 0.97);
        Assert.Contains(t.Estate.Alerts(), a => a.Name == "DiskFull" && a.Labels["resource_id"] == volume);
        Assert.Contains(t.Estate.Logs(), l => l.ResourceId == machine && l.Message.StartsWith("write failed: No space left on device", StringComparison.Ordinal));

        var size = int.Parse(t.Estate.Get(volume)!.Spec.DesiredState["sizeGb"], System.Globalization.CultureInfo.InvariantCulture);
        var grown = t.Estate.Apply(new ResizeAction(volume, (size * 4).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(grown.ResolvedScenarioIds);
        Assert.True(t.Estate.Value(volume, MetricNames.DiskUsedRatio, t.Now) < 0.5);
        Assert.True(t.Estate.Get(volume)!.Spec.CostPerHour > 0);
        var restarted = t.Estate.Apply(new RestartAction(machine));
        Assert.Contains(info.Id, restarted.ResolvedScenarioIds);
        Assert.True(t.Estate.Value(volume, MetricNames.DiskUsedRatio, t.Now.AddHours(1)) < 0.3);
    }

    [Fact]
    public void WithTheSilosFastAlertingANodeFailureAlertsWithinSecondsAndNotBefore()
    {
        var t = new TestEstate(configure: o =>
        {
            o.AlertEvaluationInterval = TimeSpan.FromSeconds(5);
            o.AlertForFactor = 0.1;
        });
        var node = t.OfKind(ResourceKinds.Node).First();
        t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.NodeFailure, node.Id));
        t.Time.Advance(TimeSpan.FromSeconds(3));
        t.Estate.Advance();
        Assert.DoesNotContain(t.Estate.Alerts(), a => a.Name == "KubeNodeNotReady");
        for (var i = 0; i < 6; i++)
        {
            t.Time.Advance(TimeSpan.FromSeconds(1));
            t.Estate.Advance();
        }

        for (var i = 0; i < 10; i++)
        {
            t.Time.Advance(TimeSpan.FromSeconds(1));
            t.Estate.Advance();
        }

        Assert.Contains(t.Estate.Alerts(), a => a.Name == "KubeNodeNotReady" && a.Labels["resource_id"] == node.Id && a.Status == "firing");
    }

    [Theory]
    [InlineData(7, 1.0)]
    [InlineData(5, 0.0)]
    [InlineData(5, 1.5)]
    public void AlertTimingOutsideItsRangeIsRefusedNamingTheSetting(int seconds, double factor)
    {
        var options = new EstateOptions { AlertEvaluationInterval = TimeSpan.FromSeconds(seconds), AlertForFactor = factor };
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Contains("Simulation:Alert", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeFailureMakesPodsFailThenReschedulesThemAndARebootHealsTheNode()
    {
        var t = new TestEstate();
        var node = t.OfKind(ResourceKinds.Node).First(n => t.Estate.Resources().Any(p => p.Spec.Kind == ResourceKinds.Pod && p.Spec.Dependencies[0] == n.Id));
        var pods = t.Estate.Resources().Where(p => p.Spec.Kind == ResourceKinds.Pod && p.Spec.Dependencies[0] == node.Id).Select(p => p.Id).ToList();
        var info = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.NodeFailure, node.Id));
        Assert.Equal(ResourceHealth.Unhealthy, t.Estate.Get(node.Id)!.Health);
        Assert.All(pods, p => Assert.Equal(ResourceHealth.Unhealthy, t.Estate.Get(p)!.Health));
        Assert.Equal(0, t.Estate.Value(node.Id, MetricNames.NodeReady, t.Now));
        Assert.Equal(0, t.Estate.Value(pods[0], MetricNames.Up, t.Now));
        Assert.Contains(t.Estate.Events(), e => e.Reason == "NodeNotReady" && e.ResourceId == node.Id);

        t.Advance(TimeSpan.FromMinutes(6));
        Assert.All(pods, p => Assert.Null(t.Estate.Get(p)));
        Assert.Contains(t.Estate.Events(), e => e.Reason == "TaintManagerEviction");
        var replacements = t.Estate.Resources().Where(p => p.Spec.Kind == ResourceKinds.Pod && t.Estate.GetScenario(info.Id)!.GroundTruth.AffectedIds.Contains(p.Id)).ToList();
        Assert.Equal(pods.Count, replacements.Count);
        Assert.All(replacements, p => Assert.NotEqual(node.Id, p.Spec.Dependencies[0]));
        Assert.Contains(t.Estate.Alerts(), a => a.Name == "KubeNodeNotReady" && a.Labels["resource_id"] == node.Id && a.Severity == "critical");

        var result = t.Estate.Apply(new RestartAction(node.Id));
        Assert.Contains(info.Id, result.ResolvedScenarioIds);
        Assert.Equal(ResourceHealth.Healthy, t.Estate.Get(node.Id)!.Health);
        t.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains(t.Estate.Alerts(), a => a.Name == "KubeNodeNotReady" && a.Status == "resolved");
    }

    [Fact]
    public void TerraformDriftMakesTheInstanceDifferFromTheTerraformStateUntilResizedBack()
    {
        var t = new TestEstate();
        var address = t.OfKind(ResourceKinds.TerraformInstance).First();
        var instance = address.Spec.Dependencies[0];
        var costBefore = t.Estate.Get(instance)!.Spec.CostPerHour;
        var info = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.TerraformDrift, address.Id));
        Assert.Equal(instance, info.GroundTruth.RootCauseId);
        Assert.Contains(address.Id, info.GroundTruth.AffectedIds);
        var drifted = t.Estate.Get(instance)!;
        Assert.NotEqual(address.Spec.DesiredState["instance_type"], drifted.Observed["instanceType"]);
        Assert.True(drifted.Spec.CostPerHour > costBefore);
        Assert.Contains(t.Estate.Events(), e => e.Reason == "ModifyInstanceAttribute" && e.Source == "cloudtrail");

        var result = t.Estate.Apply(new ResizeAction(instance, address.Spec.DesiredState["instance_type"]));
        Assert.Contains(info.Id, result.ResolvedScenarioIds);
        Assert.Equal(address.Spec.DesiredState["instance_type"], t.Estate.Get(instance)!.Observed["instanceType"]);
        Assert.Equal(costBefore, t.Estate.Get(instance)!.Spec.CostPerHour);
    }

    [Fact]
    public void IdleMachineRunsNearZeroCpuUntilStoppedAndStoppingDropsItsCost()
    {
        var t = new TestEstate();
        var info = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.IdleResource));
        var machine = info.TargetId;
        t.Advance(TimeSpan.FromMinutes(30));
        Assert.True(t.Estate.Value(machine, MetricNames.CpuRatio, t.Now) < 0.02);
        Assert.True(t.Estate.Get(machine)!.Spec.CostPerHour > 0);
        var result = t.Estate.Apply(new StopAction(machine));
        Assert.Contains(info.Id, result.ResolvedScenarioIds);
        Assert.Equal(0m, t.Estate.Get(machine)!.Spec.CostPerHour);
        t.Advance(TimeSpan.FromMinutes(5));
        Assert.DoesNotContain(t.Estate.Alerts(), a => a.Name == "TargetDown" && a.Labels["resource_id"] == machine);
    }

    [Fact]
    public void OrphanedVolumeIsLeftUnattachedAfterItsMachineIsTerminatedAndDeletingItEndsIt()
    {
        var t = new TestEstate();
        var info = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.OrphanedVolume));
        var volume = info.GroundTruth.RootCauseId;
        Assert.Null(t.Estate.Get(info.TargetId));
        Assert.Equal(0, t.Estate.Value(volume, MetricNames.VolumeAttached, t.Now));
        Assert.True(t.Estate.Get(volume)!.Spec.CostPerHour > 0);
        Assert.DoesNotContain(t.Estate.Resources(), r => r.Spec.Dependencies.Contains(info.TargetId));
        var result = t.Estate.Apply(new DeleteAction(volume));
        Assert.Contains(info.Id, result.ResolvedScenarioIds);
        Assert.Null(t.Estate.Get(volume));
    }

    [Fact]
    public void CostSpikeRaisesEgressAndHourlyCostUntilTheMachineIsRestarted()
    {
        var t = new TestEstate();
        var info = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.CostSpike));
        var machine = info.TargetId;
        var baseline = t.Estate.Value(machine, MetricNames.CostPerHour, t.Now.AddMinutes(-1))!.Value;
        t.Advance(TimeSpan.FromMinutes(15));
        Assert.True(t.Estate.Value(machine, MetricNames.CostPerHour, t.Now) > baseline + 10);
        Assert.True(t.Estate.Value(machine, MetricNames.NetworkTransmit, t.Now) > 40e6);
        Assert.Contains(t.Estate.Alerts(), a => a.Name == "CostAnomalyDetected" && a.Labels["resource_id"] == machine);
        Assert.Contains(t.Estate.Logs(), l => l.ResourceId == machine && l.Message.StartsWith("sync-agent: uploaded chunk", StringComparison.Ordinal));
        var result = t.Estate.Apply(new RestartAction(machine));
        Assert.Contains(info.Id, result.ResolvedScenarioIds);
        Assert.Equal(baseline, (double)t.Estate.Get(machine)!.Spec.CostPerHour, 6);
        Assert.Equal(baseline, t.Estate.Value(machine, MetricNames.CostPerHour, t.Now.AddMinutes(1))!.Value, 6);
    }

    [Fact]
    public void ScheduledScenarioStartsAtItsTimeAndItsEffectsDoNotDependOnTheTickSize()
    {
        var coarse = new TestEstate();
        var fine = new TestEstate();
        foreach (var t in new[] { coarse, fine })
        {
            t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.MemoryLeak, StartAt: t.Now.AddMinutes(10), Intensity: 3));
            Assert.Equal(ScenarioStatus.Scheduled, t.Estate.Scenarios().Single().Status);
        }

        coarse.Time.Advance(TimeSpan.FromMinutes(70));
        fine.Advance(TimeSpan.FromMinutes(70));
        Assert.Equal(ScenarioStatus.Active, coarse.Estate.Scenarios().Single().Status);
        Assert.Equal(fine.Estate.Events().Select(e => (e.Timestamp, e.Reason, e.ResourceId)), coarse.Estate.Events().Select(e => (e.Timestamp, e.Reason, e.ResourceId)));
        Assert.Equal(fine.Estate.Alerts().Select(a => (a.Name, a.Status, a.StartsAt)), coarse.Estate.Alerts().Select(a => (a.Name, a.Status, a.StartsAt)));
        Assert.Equal(fine.Estate.Logs().Count, coarse.Estate.Logs().Count);
    }

    [Fact]
    public void ScenarioWithADurationCompletesAndItsEffectEnds()
    {
        var t = new TestEstate();
        var info = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.IdleResource, Duration: TimeSpan.FromMinutes(10)));
        t.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(ScenarioStatus.Completed, t.Estate.GetScenario(info.Id)!.Status);
        Assert.True(t.Estate.Value(info.TargetId, MetricNames.CpuRatio, t.Now) > 0.05);
    }
}
