using System.Collections.Immutable;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Observations;
using AIOps.Simulation.Randomness;

namespace AIOps.Simulation.Metrics;

/// <summary>
/// Evaluates alerting rules every minute (aligned to the epoch, like a Prometheus evaluation interval) over the resources
/// scenarios touch, with pending periods, and emits firing and resolved notifications. Resources no scenario touches stay
/// below every threshold by construction, so they are not evaluated.
/// </summary>
internal sealed class AlertEngine
{
    private static readonly TimeSpan Linger = TimeSpan.FromMinutes(15);
    private readonly SimulatedEstate _estate;
    private readonly MetricModel _model;
    private readonly AlertRule[] _rules;
    private readonly Dictionary<(string Rule, string Resource), (DateTimeOffset PendingSince, DateTimeOffset? FiringSince)> _state = [];

    private readonly long _stepSeconds;
    private readonly double _forFactor;

    public AlertEngine(SimulatedEstate estate, MetricModel model, TimeSpan step, double forFactor)
    {
        _estate = estate;
        _model = model;
        _stepSeconds = (long)step.TotalSeconds;
        _forFactor = forFactor;
        string[] machines = [ResourceKinds.Ec2Instance, ResourceKinds.AzureVm];
        string[] traffic = [ResourceKinds.Deployment, ResourceKinds.Service, ResourceKinds.LoadBalancer];
        _rules =
        [
            new("KubePodCrashLooping", "warning", [ResourceKinds.Pod], TimeSpan.Zero, (r, t, v) => v.Restarts > _model.Compute(r, t.AddMinutes(-10)).Restarts, "Pod is restarting repeatedly."),
            new("HighMemoryUsage", "warning", [ResourceKinds.Pod, ResourceKinds.Node, .. machines], TimeSpan.FromMinutes(2), (_, _, v) => v.MemoryRatio > 0.9, "Memory usage above 90%."),
            new("HighErrorRate", "critical", traffic, TimeSpan.FromMinutes(2), (_, _, v) => v.ErrorRatio > 0.05, "More than 5% of requests fail."),
            new("HighLatency", "warning", traffic, TimeSpan.FromMinutes(5), (_, _, v) => v.Latency > 0.5, "p95 latency above 500 ms."),
            new("HighCpuUsage", "warning", [ResourceKinds.Pod, ResourceKinds.Node, .. machines], TimeSpan.FromMinutes(5), (_, _, v) => v.Cpu > 0.9, "CPU usage above 90%."),
            new("DiskSpaceLow", "warning", [ResourceKinds.EbsVolume, ResourceKinds.ManagedDisk, ResourceKinds.Node, .. machines], TimeSpan.FromMinutes(5), (_, _, v) => v.DiskUsedRatio > 0.85, "Disk more than 85% full."),
            new("DiskFull", "critical", [ResourceKinds.EbsVolume, ResourceKinds.ManagedDisk, ResourceKinds.Node, .. machines], TimeSpan.FromMinutes(1), (_, _, v) => v.DiskUsedRatio > 0.97, "Disk more than 97% full."),
            new("KubeNodeNotReady", "critical", [ResourceKinds.Node], TimeSpan.FromMinutes(1), (_, _, v) => v.Ready < 1, "Node is not Ready."),
            new("TargetDown", "warning", [ResourceKinds.Pod, .. machines], TimeSpan.FromMinutes(1), (r, t, v) => v.Up < 1 && r.PhaseAt(t).Running, "Target does not answer scrapes."),
            new("KubeDeploymentReplicasMismatch", "warning", [ResourceKinds.Deployment], TimeSpan.FromMinutes(5), (_, _, v) => v.ReplicasAvailable < v.Replicas, "Deployment has fewer available replicas than desired."),
            new("CostAnomalyDetected", "warning", [ResourceKinds.Ec2Instance, ResourceKinds.AzureVm, ResourceKinds.EbsVolume, ResourceKinds.ManagedDisk, ResourceKinds.Node], TimeSpan.FromMinutes(10), (r, _, v) => v.CostPerHour > 1.5 * (double)r.BaselineCost && v.CostPerHour - (double)r.BaselineCost > 0.05, "Hourly cost more than 50% above its baseline."),
        ];
    }

    public void Evaluate(DateTimeOffset from, DateTimeOffset to)
    {
        var first = DateTimeOffset.FromUnixTimeSeconds(((from.ToUnixTimeSeconds() / _stepSeconds) + 1) * _stepSeconds);
        for (var t = first; t <= to; t = t.AddSeconds(_stepSeconds))
        {
            var watched = Watched(t);
            foreach (var resource in watched)
            {
                var values = _model.Compute(resource, t);
                foreach (var rule in _rules)
                {
                    if (Array.IndexOf(rule.Kinds, resource.Kind) >= 0)
                    {
                        Step(rule, resource, t, rule.Condition(resource, t, values));
                    }
                }
            }

            foreach (var key in _state.Keys.Where(k => _estate.Find(k.Resource) is null).ToList())
            {
                Step(_rules.First(r => r.Name == key.Rule), null, t, false, key);
            }
        }
    }

    private List<SimResource> Watched(DateTimeOffset t)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var scenario in _estate.AllScenarios)
        {
            if (scenario.Status == Scenarios.ScenarioStatus.Scheduled || scenario.StartsAt > t)
            {
                continue;
            }

            if (scenario.EndedAt is { } ended)
            {
                var effectEnd = scenario.EffectEnd;
                var quiet = effectEnd == DateTimeOffset.MaxValue || effectEnd < ended ? ended : effectEnd;
                if (quiet + Linger < t)
                {
                    continue;
                }
            }

            foreach (var id in scenario.Affected)
            {
                ids.Add(id);
            }
        }

        foreach (var key in _state.Keys)
        {
            ids.Add(key.Resource);
        }

        return [.. ids.Select(_estate.Find).OfType<SimResource>().Where(r => r.ExistsAt(t))];
    }

    private void Step(AlertRule rule, SimResource? resource, DateTimeOffset t, bool condition, (string, string)? orphanKey = null)
    {
        var key = orphanKey ?? (rule.Name, resource!.Id);
        var known = _state.TryGetValue(key, out var state);
        if (condition)
        {
            if (!known)
            {
                state = (t, null);
            }

            if (state.FiringSince is null && t - state.PendingSince >= rule.For * _forFactor)
            {
                state = (state.PendingSince, t);
                _estate.Alert(Notification(rule, resource!, "firing", t, null));
            }

            _state[key] = state;
        }
        else if (known)
        {
            if (state.FiringSince is { } since)
            {
                var labels = resource ?? _estate.Find(key.Item2);
                _estate.Alert(labels is null
                    ? Notification(rule, key.Item2, "resolved", since, t)
                    : Notification(rule, labels, "resolved", since, t));
            }

            _state.Remove(key);
        }
    }

    private static SimulatedAlert Notification(AlertRule rule, SimResource r, string status, DateTimeOffset startsAt, DateTimeOffset? endsAt)
    {
        var labels = r.Labels.SetItem("alertname", rule.Name).SetItem("severity", rule.Severity);
        return Build(rule, labels, r.Id, status, startsAt, endsAt);
    }

    private static SimulatedAlert Notification(AlertRule rule, string resourceId, string status, DateTimeOffset startsAt, DateTimeOffset? endsAt)
    {
        var labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new("alertname", rule.Name), new("severity", rule.Severity), new KeyValuePair<string, string>("resource_id", resourceId)]);
        return Build(rule, labels, resourceId, status, startsAt, endsAt);
    }

    private static SimulatedAlert Build(AlertRule rule, ImmutableSortedDictionary<string, string> labels, string resourceId, string status, DateTimeOffset startsAt, DateTimeOffset? endsAt)
    {
        var annotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("summary", rule.Summary), new("description", $"{rule.Summary} Resource {resourceId}.")]);
        var fingerprint = SeedHash.Combine(SeedHash.Of(rule.Name), SeedHash.Of(resourceId)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        return new SimulatedAlert(0, rule.Name, labels, annotations, rule.Severity, status, startsAt, endsAt, fingerprint);
    }
}
