using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Incidents.Context;
using AIOps.Incidents.Evidence;
using AIOps.Incidents.RootCause;
using AIOps.Logs;

namespace AIOps.Incidents.Tests;

public sealed class RootCauseAnalyzerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly InventoryTopology _topology = new();
    private readonly RecentContext _context = new(new LogTemplateMiner());

    public RootCauseAnalyzerTests()
    {
        _topology.Upsert("node-a", "node", [], "prod");
        foreach (var pod in new[] { "pod-1", "pod-2", "pod-3" })
        {
            _topology.Upsert(pod, "pod", ["node-a"], "prod");
        }

        _topology.Upsert("deploy-x", "deployment", ["pod-1", "pod-2"], "prod");
        _topology.Upsert("svc-x", "service", ["deploy-x"], "prod");
    }

    [Fact]
    public void A_failed_node_under_failing_pods_ranks_first_with_its_evidence()
    {
        var ranked = new RootCauseAnalyzer(_topology, _context).Analyze(
        [
            Alert("KubeNodeNotReady", "node-a", T0, "Node is not Ready."),
            Alert("TargetDown", "pod-1", T0.AddSeconds(30), "Target does not answer scrapes."),
            Alert("TargetDown", "pod-2", T0.AddSeconds(30), "Target does not answer scrapes."),
            Alert("TargetDown", "pod-3", T0.AddSeconds(40), "Target does not answer scrapes."),
        ]);

        var top = ranked[0];
        Assert.Equal("node-a", top.ResourceId);
        Assert.Equal("node", top.Kind);
        Assert.Contains(top.Evidence, e => e.StartsWith("connected to all 4", StringComparison.Ordinal));
        Assert.Contains(top.Evidence, e => e.Contains("says it failed", StringComparison.Ordinal));
        Assert.True(ranked.Select(c => c.Score).SequenceEqual(ranked.Select(c => c.Score).OrderDescending()));
    }

    [Fact]
    public void A_change_just_before_the_alerts_points_at_the_changed_resource()
    {
        _context.AddEvent("deploy-x", T0.AddMinutes(-4), "ScalingReplicaSet", false, "Scaled up replica set deploy-x-7f9c to 2");
        var ranked = new RootCauseAnalyzer(_topology, _context).Analyze(
        [
            Alert("HighErrorRate", "svc-x", T0, "More than 5% of requests fail."),
            Alert("HighErrorRate", "deploy-x", T0, "More than 5% of requests fail."),
        ]);

        Assert.Equal("deploy-x", ranked[0].ResourceId);
        Assert.Contains(ranked[0].Evidence, e => e.StartsWith("changed 4 min before the first alert: ScalingReplicaSet", StringComparison.Ordinal));
    }

    [Fact]
    public void Saturation_without_a_change_points_at_where_demand_enters()
    {
        var ranked = new RootCauseAnalyzer(_topology, _context, new FixedSurge("svc-x", 5)).Analyze(
        [
            Alert("HighErrorRate", "svc-x", T0, "More than 5% of requests fail."),
            Alert("HighErrorRate", "deploy-x", T0, "More than 5% of requests fail."),
            Alert("HighCpuUsage", "pod-1", T0.AddMinutes(1), "CPU usage above 90%."),
        ]);

        Assert.Equal("svc-x", ranked[0].ResourceId);
        Assert.Contains(ranked[0].Evidence, e => e.StartsWith("demand entered here: request rate 5.0×", StringComparison.Ordinal));
    }

    [Fact]
    public void Alerts_that_name_no_resource_give_no_candidates() =>
        Assert.Empty(new RootCauseAnalyzer(_topology, _context).Analyze([Alert("Watchdog", null, T0, "Alerting pipeline works.")]));

    private static AlertFacts Alert(string name, string? resource, DateTimeOffset at, string summary) =>
        new("am", name + resource, name, ImmutableDictionary<string, string>.Empty, summary, Severity.High, resource, null, at, null);

    private sealed class FixedSurge(string resource, double factor) : IDemandProbe
    {
        public double? Surge(string resourceId, DateTimeOffset at) => resourceId == resource ? factor : 1.0;
    }
}
