using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Incidents.Classification;
using AIOps.Incidents.Evidence;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Observations;
using AIOps.Simulation.Scenarios;

namespace AIOps.Incidents.Training;

/// <summary>
/// Labelled incidents from the simulated estate: each scenario type is injected into fresh estates (different seeds,
/// so different targets and intensities) on a fake clock; the alerts, events and log lines of the resources the ground
/// truth names (and the nodes their pods run on) become evidence at several points of the incident's life: at its
/// first alert, at its third, and at the end of the observation, so early classification is trained too.
/// </summary>
public static class SimulationTrainingData
{
    /// <summary>Intensity ranges per type: strong enough to show within the observation window, varied across runs.</summary>
    private static readonly Dictionary<string, (double Min, double Max)> Intensities = new(StringComparer.Ordinal)
    {
        [ScenarioCatalog.MemoryLeak] = (1.5, 4),
        [ScenarioCatalog.TrafficSpike] = (3, 12),
        [ScenarioCatalog.BadDeploy] = (0.4, 2),
        [ScenarioCatalog.DiskFilling] = (1.5, 5),
        [ScenarioCatalog.TerraformDrift] = (1, 3),
        [ScenarioCatalog.CostSpike] = (0.5, 4),
    };

    private static readonly DateTimeOffset Start = new(2025, 6, 11, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The examples; deterministic for the same options.</summary>
    public static IReadOnlyList<LabeledEvidence> Generate(SimulationTrainingOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulationTrainingOptions();
        if (options.RunsPerType < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RunsPerType, "RunsPerType must be at least 2.");
        }

        var templates = options.Templates ?? MinedTemplates.Of;
        var examples = new List<LabeledEvidence>();
        foreach (var type in options.Types ?? [.. ScenarioCatalog.Types.Keys.Order(StringComparer.Ordinal)])
        {
            for (var run = 0; run < options.RunsPerType; run++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                examples.AddRange(Simulate(type, options.FirstSeed + (ulong)run, run, options, templates));
            }
        }

        return examples;
    }

    /// <summary>One incident of <paramref name="type"/> in a fresh estate, as evidence at its first alert, its third and its end.</summary>
    public static IReadOnlyList<LabeledEvidence> Simulate(string type, ulong seed, int run, SimulationTrainingOptions options, Func<IEnumerable<string>, IReadOnlyList<string>> templates)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(templates);
        var clock = new ManualClock(Start.AddMinutes(run * 37 % 1440));
        var estateOptions = new EstateOptions { Seed = seed, ResourceCount = options.ResourceCount };
        estateOptions.Validate();
        var estate = SimulatedEstate.Create(estateOptions, clock);
        var kinds = estate.Resources().ToDictionary(r => r.Id, r => r.Spec.Kind, StringComparer.Ordinal);
        var hosts = estate.Resources().Where(r => r.Spec.Kind == ResourceKinds.Pod).ToDictionary(r => r.Id, r => r.Spec.Dependencies.FirstOrDefault(), StringComparer.Ordinal);
        var intensity = Intensities.TryGetValue(type, out var range)
            ? range.Min + ((range.Max - range.Min) * new Random((int)seed + type.Length).NextDouble())
            : (double?)null;
        var scenario = estate.StartScenario(new ScenarioRequest(type, Intensity: intensity));
        var end = clock.GetUtcNow() + options.Observe;
        while (clock.GetUtcNow() < end)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            estate.Advance();
            foreach (var r in estate.Resources())
            {
                kinds.TryAdd(r.Id, r.Spec.Kind);
                if (r.Spec.Kind == ResourceKinds.Pod)
                {
                    hosts.TryAdd(r.Id, r.Spec.Dependencies.FirstOrDefault());
                }
            }
        }

        var truth = estate.GetScenario(scenario.Id)!.GroundTruth;
        var scope = truth.AffectedIds.ToHashSet(StringComparer.Ordinal);
        foreach (var id in truth.AffectedIds)
        {
            if (hosts.GetValueOrDefault(id) is { } node)
            {
                scope.Add(node);
            }
        }

        var alerts = Fold(estate.Alerts().Where(a => a.Labels.TryGetValue("resource_id", out var id) && scope.Contains(id) && a.StartsAt >= truth.StartedAt), kinds);
        var events = estate.Events().Where(e => scope.Contains(e.ResourceId) && e.Timestamp >= truth.StartedAt).ToList();
        var logs = estate.Logs().Where(l => scope.Contains(l.ResourceId) && l.Timestamp >= truth.StartedAt).ToList();
        var affectedKinds = truth.AffectedIds.Select(id => kinds.GetValueOrDefault(id)).OfType<string>().Distinct(StringComparer.Ordinal).ToImmutableArray();

        var cutoffs = new List<DateTimeOffset>();
        var firsts = alerts.Select(a => a.StartsAt).Order().ToList();
        if (firsts.Count > 0)
        {
            cutoffs.Add(firsts[0]);
            if (firsts.Count >= 3)
            {
                cutoffs.Add(firsts[2]);
            }
        }
        else if (events.Count + logs.Count > 0)
        {
            // No alert rule covers it (idle machines, orphaned volumes, drift): the first signal is an event or a log line.
            cutoffs.Add(events.Select(e => e.Timestamp).Concat(logs.Select(l => l.Timestamp)).Min());
        }

        cutoffs.Add(end);
        var examples = new List<LabeledEvidence>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cutoff in cutoffs)
        {
            var evidence = new IncidentEvidence(
                [.. alerts.Where(a => a.StartsAt <= cutoff).Select(a => a.EndsAt > cutoff ? a with { EndsAt = null } : a)],
                [.. templates(logs.Where(l => l.Timestamp <= cutoff).Select(l => l.Message))],
                [.. events.Where(e => e.Timestamp <= cutoff).Select(e => e.Reason).Distinct(StringComparer.Ordinal)],
                affectedKinds);
            if (seen.Add(EvidenceText.For(evidence)))
            {
                examples.Add(new LabeledEvidence(evidence, type, $"{type}#{seed}"));
            }
        }

        return examples;
    }

    /// <summary>One fact per alert (its firing and resolved notifications folded together), oldest first.</summary>
    private static List<AlertFacts> Fold(IEnumerable<SimulatedAlert> notifications, Dictionary<string, string> kinds) =>
    [
        .. notifications.GroupBy(a => (a.Fingerprint, a.StartsAt)).Select(g =>
        {
            var a = g.First();
            var labels = a.Labels.ToImmutableDictionary(StringComparer.Ordinal)
                .SetItems(a.Annotations.Select(x => KeyValuePair.Create("annotation." + x.Key, x.Value)));
            var resource = a.Labels.GetValueOrDefault("resource_id");
            return new AlertFacts(
                "simulation",
                a.Fingerprint,
                a.Name,
                labels,
                a.Annotations.GetValueOrDefault("summary", a.Name),
                a.Severity == "critical" ? Severity.Critical : Severity.Medium,
                resource,
                a.Labels.GetValueOrDefault("kind") ?? (resource is null ? null : kinds.GetValueOrDefault(resource)),
                a.StartsAt,
                g.Select(x => x.EndsAt).FirstOrDefault(e => e is not null));
        }).OrderBy(a => a.StartsAt).ThenBy(a => a.Name, StringComparer.Ordinal),
    ];

    /// <summary>A clock the generator moves by hand (the estate reads time only from its <see cref="TimeProvider"/>).</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
