using System.Globalization;
using AIOps.Simulation.Randomness;
using AIOps.Simulation.Scenarios;

namespace AIOps.Simulation.Estate;

public sealed partial class SimulatedEstate
{
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(90);

    /// <summary>
    /// Injects a fault now or at <see cref="ScenarioRequest.StartAt"/>. Throws <see cref="ScenarioValidationException"/>
    /// (naming the field) for an unknown type, a missing or unsuitable target, or impossible parameters; then nothing changes.
    /// </summary>
    public ScenarioInfo StartScenario(ScenarioRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            AdvanceLocked();
            var now = TimeProvider.GetUtcNow();
            if (string.IsNullOrWhiteSpace(request.Type) || !ScenarioCatalog.Types.TryGetValue(request.Type.Trim(), out var type))
            {
                throw new ScenarioValidationException("type", $"Unknown scenario type '{request.Type}'. Known types: {string.Join(", ", ScenarioCatalog.Types.Keys.Order(StringComparer.Ordinal))}.");
            }

            var intensity = request.Intensity ?? type.DefaultIntensity;
            if (double.IsNaN(intensity) || intensity < type.MinIntensity || intensity > type.MaxIntensity)
            {
                throw new ScenarioValidationException("intensity", $"Intensity of {type.Name} must be between {Invariant(type.MinIntensity)} and {Invariant(type.MaxIntensity)} ({type.IntensityMeaning}); got {Invariant(intensity)}.");
            }

            var duration = request.Duration ?? type.DefaultDuration;
            if (duration is { } d && (d <= TimeSpan.Zero || d > MaxDuration))
            {
                throw new ScenarioValidationException("duration", $"Duration must be positive and at most {MaxDuration.TotalDays} days; got {d}.");
            }

            var startsAt = request.StartAt ?? now;
            if (startsAt < now)
            {
                throw new ScenarioValidationException("startAt", $"Start time {startsAt:O} is in the past (now is {now:O}); the simulation cannot change history.");
            }

            var target = request.TargetId is null ? PickTarget(type) : ResolveTarget(type, request.TargetId);
            CheckTarget(type, target);
            var id = $"scn-{(_scenarios.Count + 1).ToString("0000", CultureInfo.InvariantCulture)}";
            Scenario scenario = type.Name switch
            {
                ScenarioCatalog.MemoryLeak => new MemoryLeakScenario(id, type, target, startsAt, duration, intensity),
                ScenarioCatalog.TrafficSpike => new TrafficSpikeScenario(id, type, target, startsAt, duration, intensity),
                ScenarioCatalog.BadDeploy => new BadDeployScenario(id, type, target, startsAt, duration, intensity),
                ScenarioCatalog.DiskFilling => new DiskFillingScenario(id, type, target, startsAt, duration, intensity),
                ScenarioCatalog.NodeFailure => new NodeFailureScenario(id, type, target, startsAt, duration, intensity),
                ScenarioCatalog.TerraformDrift => new TerraformDriftScenario(id, type, target, startsAt, duration, intensity),
                ScenarioCatalog.IdleResource => new IdleResourceScenario(id, type, target, startsAt, duration, intensity),
                ScenarioCatalog.OrphanedVolume => new OrphanedVolumeScenario(id, type, target, startsAt, duration, intensity),
                ScenarioCatalog.CostSpike => new CostSpikeScenario(id, type, target, startsAt, duration, intensity),
                _ => throw new ScenarioValidationException("type", $"Scenario type '{type.Name}' is not implemented."),
            };
            _scenarios.Add(scenario);
            Index(scenario);
            if (startsAt <= now)
            {
                scenario.Status = ScenarioStatus.Active;
                scenario.Activate(this);
                Index(scenario);
            }

            Flush();
            return scenario.ToInfo();
        }
    }

    /// <summary>Withdraws a scheduled or active scenario (what it changed is put back where that is possible).</summary>
    public ScenarioInfo StopScenario(string scenarioId)
    {
        lock (_lock)
        {
            AdvanceLocked();
            var scenario = _scenarios.FirstOrDefault(s => s.Id == scenarioId)
                ?? throw new ScenarioValidationException("id", $"No scenario '{scenarioId}'.");
            if (!scenario.IsLive)
            {
                throw new ScenarioValidationException("id", $"Scenario {scenarioId} has already ended ({scenario.Status}).");
            }

            var now = TimeProvider.GetUtcNow();
            if (scenario.Status == ScenarioStatus.Scheduled)
            {
                scenario.Status = ScenarioStatus.Stopped;
                scenario.EndedAt = now;
                scenario.Resolution = "cancelled before it started";
            }
            else
            {
                Finish(scenario, now, ScenarioStatus.Stopped, "stopped on request");
            }

            Flush();
            return scenario.ToInfo();
        }
    }

    /// <summary>Every scenario ever requested, oldest first.</summary>
    public IReadOnlyList<ScenarioInfo> Scenarios()
    {
        lock (_lock)
        {
            AdvanceLocked();
            return [.. _scenarios.Select(s => s.ToInfo())];
        }
    }

    /// <summary>One scenario, or null.</summary>
    public ScenarioInfo? GetScenario(string scenarioId)
    {
        lock (_lock)
        {
            AdvanceLocked();
            return _scenarios.FirstOrDefault(s => s.Id == scenarioId)?.ToInfo();
        }
    }

    private SimResource ResolveTarget(ScenarioType type, string targetId)
    {
        var target = Find(targetId) ?? throw new ScenarioValidationException("targetId", $"No resource '{targetId}' in the simulated estate.");
        if (!type.TargetKinds.Contains(target.Kind))
        {
            throw new ScenarioValidationException("targetId", $"{type.Name} applies to {string.Join(" or ", type.TargetKinds)}; '{targetId}' is a {target.Kind}.");
        }

        if (target.Kind == ResourceKinds.TerraformInstance)
        {
            target = Find(target.Dependencies.FirstOrDefault()) ?? throw new ScenarioValidationException("targetId", $"Terraform address '{targetId}' has no cloud resource.");
        }

        return target;
    }

    private SimResource PickTarget(ScenarioType type)
    {
        var candidates = _resources.Values
            .Where(r => type.TargetKinds.Contains(r.Kind) && r.Kind != ResourceKinds.TerraformInstance && IsSuitable(type, r) is null)
            .OrderBy(r => SeedHash.Combine(Options.Seed, SeedHash.Of(type.Name), r.Hash))
            .ToList();
        return candidates.Count > 0
            ? candidates[0]
            : throw new ScenarioValidationException("targetId", $"No resource in the estate is suitable for {type.Name} now.");
    }

    private void CheckTarget(ScenarioType type, SimResource target)
    {
        if (IsSuitable(type, target) is { } problem)
        {
            throw new ScenarioValidationException("targetId", problem);
        }
    }

    private string? IsSuitable(ScenarioType type, SimResource target)
    {
        if (target.Kind == ResourceKinds.TerraformInstance)
        {
            return type.Name == ScenarioCatalog.TerraformDrift ? null : $"'{target.Id}' is a Terraform address.";
        }

        if (_scenarios.FirstOrDefault(s => s.IsLive && s.Target == target) is { } busy)
        {
            return $"'{target.Id}' already has a live {busy.Type.Name} scenario ({busy.Id}); stop it first.";
        }

        var running = target.Current.Running;
        return type.Name switch
        {
            ScenarioCatalog.NodeFailure when target.Health != Abstractions.Resources.ResourceHealth.Healthy => $"Node '{target.Id}' is not Ready already.",
            ScenarioCatalog.NodeFailure when !NodesOf(target.Cluster!).Any(n => n != target && n.Health == Abstractions.Resources.ResourceHealth.Healthy) => $"Cluster {target.Cluster} has no other Ready node to reschedule pods onto.",
            ScenarioCatalog.MemoryLeak or ScenarioCatalog.BadDeploy or ScenarioCatalog.TrafficSpike when DeploymentOf(target) is { } dep && dep.Current.Replicas == 0 => $"Deployment '{dep.Id}' has no replicas.",
            ScenarioCatalog.TrafficSpike when DeploymentOf(target) is null => $"Service '{target.Id}' selects no deployment.",
            ScenarioCatalog.BadDeploy when target.Revisions.Count == 0 => $"Deployment '{target.Id}' has no revision history.",
            ScenarioCatalog.TerraformDrift when TerraformAddressOf(target) is null => $"'{target.Id}' is not managed by Terraform.",
            ScenarioCatalog.TerraformDrift or ScenarioCatalog.IdleResource or ScenarioCatalog.CostSpike or ScenarioCatalog.OrphanedVolume when !running => $"'{target.Id}' is not running.",
            ScenarioCatalog.OrphanedVolume when TerraformAddressOf(target) is not null => $"'{target.Id}' is managed by Terraform; terminating it outside Terraform is {ScenarioCatalog.TerraformDrift}, not an orphaned volume.",
            ScenarioCatalog.OrphanedVolume when target.Dependencies.All(d => Find(d) is not { } v || !ResourceKinds.IsVolume(v.Kind)) => $"'{target.Id}' has no volume to leave behind.",
            ScenarioCatalog.DiskFilling when MachineOf(target) is null => $"Volume '{target.Id}' is not attached; nothing writes to it.",
            _ => null,
        };
    }

    internal SimResource? DeploymentOf(SimResource r) => r.Kind switch
    {
        ResourceKinds.Deployment => r,
        ResourceKinds.Service => Find(r.Dependencies.FirstOrDefault()),
        ResourceKinds.Pod => Find(r.OwnerId),
        _ => null,
    };

    internal SimResource? TerraformAddressOf(SimResource cloud) => _terraformByCloud.GetValueOrDefault(cloud.Id);

    internal SimResource? MachineOf(SimResource volume) =>
        _machineByVolume.TryGetValue(volume.Id, out var machine) && _resources.ContainsKey(machine.Id) ? machine : null;

    internal IEnumerable<SimResource> PodsOf(SimResource deployment) =>
        deployment.Dependencies.Select(Find).OfType<SimResource>().Where(p => p.Kind == ResourceKinds.Pod);

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
