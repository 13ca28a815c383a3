using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Alerts;
using AIOps.Incidents.Context;
using AIOps.Incidents.Correlation;
using AIOps.Incidents.Evidence;
using AIOps.Logs;

namespace AIOps.Incidents.Tests;

public sealed class AlertCorrelatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly InventoryTopology _topology = new();
    private int _events;

    public AlertCorrelatorTests()
    {
        // A node with two pods of one deployment, a second node with an unrelated pod, and a machine with its volume.
        _topology.Upsert("node-a", "node", [], "prod");
        _topology.Upsert("node-b", "node", [], "prod");
        _topology.Upsert("pod-1", "pod", ["node-a"], "prod");
        _topology.Upsert("pod-2", "pod", ["node-a"], "prod");
        _topology.Upsert("pod-3", "pod", ["node-b"], "prod");
        _topology.Upsert("deploy-x", "deployment", ["pod-1", "pod-2"], "prod");
        _topology.Upsert("vm-1", "vm", ["disk-1"], "prod");
        _topology.Upsert("disk-1", "disk", [], "prod");
    }

    [Fact]
    public void Alerts_on_a_node_and_its_pods_are_one_incident()
    {
        var correlator = new AlertCorrelator(new CorrelationOptions(), _topology);
        var opened = correlator.Observe(Firing("NodeNotReady", "node-a", T0));
        var first = Assert.IsType<IncidentToOpen>(Assert.Single(opened));
        var joined = correlator.Observe(Firing("TargetDown", "pod-1", T0.AddSeconds(20)));
        var joined2 = correlator.Observe(Firing("TargetDown", "pod-2", T0.AddSeconds(25)));

        Assert.Equal(first.IncidentId, Assert.IsType<AlertsJoined>(Assert.Single(joined)).IncidentId);
        Assert.Contains("topology", Assert.IsType<AlertsJoined>(Assert.Single(joined2)).Reasons[0], StringComparison.Ordinal);
        Assert.Single(correlator.IncidentIds);
        Assert.Equal(3, correlator.AlertsOf(first.IncidentId).Count);
    }

    [Fact]
    public void Pods_sharing_only_a_healthy_node_stay_apart_but_siblings_of_one_deployment_join()
    {
        var correlator = new AlertCorrelator(new CorrelationOptions(), _topology);
        _topology.Upsert("pod-4", "pod", ["node-a"], "prod");
        var memory = Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("HighMemoryUsage", "pod-1", T0))));

        // Same deployment, same alert: one fault.
        Assert.Equal(memory.IncidentId, Assert.IsType<AlertsJoined>(Assert.Single(correlator.Observe(Firing("HighMemoryUsage", "pod-2", T0.AddMinutes(1))))).IncidentId);

        // Only the (healthy) node in common, another alert: another fault.
        Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("HighLatency", "pod-4", T0.AddMinutes(2)))));
        Assert.Equal(2, correlator.IncidentIds.Count());
    }

    [Fact]
    public void Unrelated_alerts_open_separate_incidents_and_time_windows_close()
    {
        var correlator = new AlertCorrelator(new CorrelationOptions { Window = TimeSpan.FromMinutes(5) }, _topology);
        var a = Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("DiskFull", "disk-1", T0))));
        var b = Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("TargetDown", "pod-3", T0.AddMinutes(1)))));
        Assert.NotEqual(a.IncidentId, b.IncidentId);

        // The disk alert resolves; 20 minutes later the machine alerts: the window has passed, so it is a new incident.
        Assert.IsType<IncidentToResolve>(Assert.Single(correlator.Observe(Resolved("DiskFull", "disk-1", T0.AddMinutes(2)))));
        var later = correlator.Observe(Firing("HighCpuUsage", "vm-1", T0.AddMinutes(62)));
        Assert.IsType<IncidentToOpen>(Assert.Single(later));
    }

    [Fact]
    public void Redeliveries_and_repeats_change_nothing_and_are_counted()
    {
        var correlator = new AlertCorrelator(new CorrelationOptions(), _topology);
        var firing = Firing("NodeNotReady", "node-a", T0);
        Assert.Single(correlator.Observe(firing));
        Assert.Empty(correlator.Observe(firing));
        Assert.Empty(correlator.Observe(firing with { EventId = "repeat-1", Change = AlertChange.Repeat, Occurrences = 40 }));

        var noise = correlator.Noise();
        var row = Assert.Single(noise.Sources);
        Assert.Equal((42L, 1L, 1L, 1), (row.Notifications, row.UniqueAlerts, row.Duplicates, row.Incidents));
        Assert.Equal(42, noise.ReductionRatio);
    }

    [Fact]
    public void Resolved_alerts_shrink_then_resolve_and_a_refire_reopens_or_links()
    {
        var correlator = new AlertCorrelator(new CorrelationOptions { ReopenWindow = TimeSpan.FromMinutes(30) }, _topology);
        var open = Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("NodeNotReady", "node-a", T0))));
        correlator.Observe(Firing("TargetDown", "pod-1", T0.AddSeconds(10)));

        var shrink = Assert.IsType<AlertsResolved>(Assert.Single(correlator.Observe(Resolved("TargetDown", "pod-1", T0.AddMinutes(3)))));
        Assert.Equal(1, shrink.StillFiring);

        // The source repeating the resolution (as Alertmanager does until it forgets the alert) changes nothing.
        Assert.Empty(correlator.Observe(Resolved("TargetDown", "pod-1", T0.AddMinutes(4)) with { Change = AlertChange.Repeat, Resolved = true, Occurrences = 12 }));
        Assert.Empty(correlator.Observe(Resolved("TargetDown", "pod-9", T0.AddMinutes(4)) with { Change = AlertChange.Repeat, Resolved = true }));
        Assert.IsType<IncidentToResolve>(Assert.Single(correlator.Observe(Resolved("NodeNotReady", "node-a", T0.AddMinutes(5)))));

        var reopen = Assert.IsType<IncidentToReopen>(Assert.Single(correlator.Observe(Firing("NodeNotReady", "node-a", T0.AddMinutes(10)))));
        Assert.Equal(open.IncidentId, reopen.IncidentId);
        Assert.IsType<IncidentToResolve>(Assert.Single(correlator.Observe(Resolved("NodeNotReady", "node-a", T0.AddMinutes(12)))));

        // Past the reopen window it is a new incident that links to the old one.
        var recurrence = Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("NodeNotReady", "node-a", T0.AddMinutes(80)))));
        Assert.NotEqual(open.IncidentId, recurrence.IncidentId);
        Assert.Equal(open.IncidentId, recurrence.LinkedTo);
    }

    [Fact]
    public void A_flapping_alert_is_reported_and_holds_its_incident_open_until_it_settles()
    {
        var correlator = new AlertCorrelator(new CorrelationOptions { FlapTransitions = 4, FlapWindow = TimeSpan.FromMinutes(20) }, _topology);
        var open = Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("HighLatency", "vm-1", T0))));
        Assert.IsType<IncidentToResolve>(Assert.Single(correlator.Observe(Resolved("HighLatency", "vm-1", T0.AddMinutes(1)))));
        Assert.IsType<IncidentToReopen>(correlator.Observe(Firing("HighLatency", "vm-1", T0.AddMinutes(2)))[0]);
        var flapping = correlator.Observe(Resolved("HighLatency", "vm-1", T0.AddMinutes(3)));
        Assert.True(Assert.IsType<AlertFlapping>(flapping[0]).Flapping);
        Assert.DoesNotContain(flapping, e => e is IncidentToResolve);

        Assert.Empty(correlator.Tick(T0.AddMinutes(5)));
        var settled = correlator.Tick(T0.AddMinutes(14));
        Assert.False(Assert.IsType<AlertFlapping>(settled[0]).Flapping);
        Assert.Equal(open.IncidentId, Assert.IsType<IncidentToResolve>(settled[1]).IncidentId);
    }

    [Fact]
    public void Creation_conditions_wait_for_occurrences_or_duration_and_short_blips_are_suppressed()
    {
        var options = new CorrelationOptions { MinOccurrences = 3, MinDuration = TimeSpan.FromMinutes(5), CriticalOpensAtOnce = true };
        var correlator = new AlertCorrelator(options, _topology);
        Assert.Empty(correlator.Observe(Firing("HighCpuUsage", "vm-1", T0)));
        Assert.Empty(correlator.Observe(Firing("HighCpuUsage", "vm-1", T0) with { EventId = "r1", Change = AlertChange.Repeat }));
        Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("HighCpuUsage", "vm-1", T0) with { EventId = "r2", Change = AlertChange.Repeat })));

        // A blip that resolves before either condition never becomes an incident.
        Assert.Empty(correlator.Observe(Firing("HighLatency", "pod-3", T0.AddMinutes(1))));
        Assert.Empty(correlator.Observe(Resolved("HighLatency", "pod-3", T0.AddMinutes(2))));
        Assert.Empty(correlator.Tick(T0.AddMinutes(20)));

        // One that keeps firing opens once it has fired for the minimum duration.
        Assert.Empty(correlator.Observe(Firing("TargetDown", "pod-3", T0.AddMinutes(30))));
        Assert.Empty(correlator.Tick(T0.AddMinutes(32)));
        Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Tick(T0.AddMinutes(36))));

        // A critical alert opens at once.
        _topology.Upsert("node-c", "node", [], "prod");
        Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("NodeNotReady", "node-c", T0.AddMinutes(90), Severity.Critical))));
        Assert.Equal(1, correlator.Noise().Suppressed);
    }

    [Fact]
    public void Alerts_without_topology_join_by_identifying_labels_or_by_log_templates()
    {
        var context = new RecentContext(new LogTemplateMiner());
        var correlator = new AlertCorrelator(new CorrelationOptions(), _topology, context);
        var labels = ImmutableDictionary<string, string>.Empty.Add("namespace", "shop").Add("service", "cart").Add("job", "cart-api");
        var open = Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("HighErrorRate", null, T0, labels: labels))));
        var joined = Assert.IsType<AlertsJoined>(Assert.Single(correlator.Observe(Firing("HighLatency", null, T0.AddMinutes(1), labels: labels.SetItem("instance", "10.0.0.7:8080")))));
        Assert.Equal(open.IncidentId, joined.IncidentId);
        Assert.StartsWith("labels", joined.Reasons[0], StringComparison.Ordinal);

        // Two resources with no edge between them that log the same errors.
        _topology.Upsert("svc-a", "vm", [], "prod");
        _topology.Upsert("svc-b", "vm", [], "prod");
        foreach (var (resource, i) in new[] { ("svc-a", 1), ("svc-b", 2) })
        {
            context.AddLog(resource, T0.AddMinutes(10), "ERROR", $"connection to db-primary.internal:5432 refused after {i * 3} retries");
            context.AddLog(resource, T0.AddMinutes(10), "ERROR", $"request {i * 1000 + 17} failed: upstream timeout after {i * 30} ms");
        }

        var a = Assert.IsType<IncidentToOpen>(Assert.Single(correlator.Observe(Firing("HighErrorRate", "svc-a", T0.AddMinutes(11)))));
        var b = Assert.IsType<AlertsJoined>(Assert.Single(correlator.Observe(Firing("HighErrorRate", "svc-b", T0.AddMinutes(12)))));
        Assert.Equal(a.IncidentId, b.IncidentId);
        Assert.StartsWith("log templates", b.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Restored_incidents_keep_their_alerts_after_a_restart()
    {
        var correlator = new AlertCorrelator(new CorrelationOptions(), _topology);
        var node = Facts("NodeNotReady", "node-a", T0);
        correlator.Restore("inc-1", [(node, true)], resolved: false, T0, null);

        var joined = Assert.IsType<AlertsJoined>(Assert.Single(correlator.Observe(Firing("TargetDown", "pod-1", T0.AddMinutes(1)))));
        Assert.Equal("inc-1", joined.IncidentId);
        Assert.IsType<AlertsResolved>(Assert.Single(correlator.Observe(Resolved("TargetDown", "pod-1", T0.AddMinutes(2)))));
        Assert.IsType<IncidentToResolve>(Assert.Single(correlator.Observe(Resolved("NodeNotReady", "node-a", T0.AddMinutes(3)))));
    }

    private AlertObservation Firing(string name, string? resource, DateTimeOffset at, Severity severity = Severity.High, ImmutableDictionary<string, string>? labels = null) =>
        new($"e{++_events}", Facts(name, resource, at, severity, labels), AlertChange.Firing, 1, at);

    private AlertObservation Resolved(string name, string? resource, DateTimeOffset at) =>
        new($"e{++_events}", Facts(name, resource, at) with { EndsAt = at }, AlertChange.Resolved, 1, at);

    private static AlertFacts Facts(string name, string? resource, DateTimeOffset at, Severity severity = Severity.High, ImmutableDictionary<string, string>? labels = null) =>
        new("am", $"{name}:{resource}", name, labels ?? ImmutableDictionary<string, string>.Empty, name, severity, resource, null, at, null);
}
