using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using AIOps.Abstractions.Alerts;
using AIOps.Grains.Simulation;
using AIOps.Incidents.Context;
using AIOps.Incidents.Correlation;
using AIOps.Incidents.Evidence;
using AIOps.Incidents.RootCause;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;
using AIOps.Simulation.Observations;
using AIOps.Simulation.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace AIOps.Benchmarks.Rca;

/// <summary>
/// <c>rca</c>: runs every simulated fault type on fresh estates, each time together with a second, unrelated fault
/// started a few minutes later, feeds everything the estate reports (alerts, events, logs) through the correlator
/// and the root-cause analyzer the silo uses, and scores them against the scenarios' ground truth: correlation
/// purity (no incident mixes alerts of two faults), completeness (each fault's alerts in one incident), and
/// whether the true root cause is the first or among the first three candidates.
/// </summary>
public sealed class RcaBenchmark : IBenchmark
{
    private static readonly DateTimeOffset Start = new(2025, 6, 11, 9, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public string Name => "rca";

    /// <inheritdoc />
    public string Usage => "correlation and root-cause accuracy over every simulated fault type. Options: --runs 6 --resources 300 --seed 1";

    /// <inheritdoc />
    public Task<int> RunAsync(BenchmarkArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var runs = args.GetInt32("runs", 6);
        var resources = args.GetInt32("resources", 300, min: 100);
        var seed = args.GetInt32("seed", 1, min: 0);
        var verbose = args.GetBoolean("verbose", false);
        args.EnsureAllUsed();

        var types = ScenarioCatalog.Types.Keys.Order(StringComparer.Ordinal).ToArray();
        var table = new ResultTable("fault type", "runs", "with alerts", "alerts", "incidents", "purity", "complete", "top1", "top3", "mean rank");
        var all = new List<FaultScore>();
        var incidentsPure = 0;
        var incidentsTotal = 0;
        var clock = Stopwatch.StartNew();
        for (var t = 0; t < types.Length; t++)
        {
            var scores = new List<FaultScore>();
            var pure = 0;
            var total = 0;
            for (var run = 0; run < runs; run++)
            {
                var distractor = types[(t + 1 + run % (types.Length - 1)) % types.Length];
                var result = RunOnce(types[t], distractor, (ulong)(seed * 1000 + t * 100 + run), resources, verbose);
                scores.Add(result.Fault);
                pure += result.PureIncidents;
                total += result.Incidents;
            }

            all.AddRange(scores);
            incidentsPure += pure;
            incidentsTotal += total;
            var alerted = scores.Where(s => s.Alerts > 0).ToList();
            table.Add(
                types[t],
                runs.ToString(CultureInfo.InvariantCulture),
                alerted.Count.ToString(CultureInfo.InvariantCulture),
                scores.Sum(s => s.Alerts).ToString(CultureInfo.InvariantCulture),
                total.ToString(CultureInfo.InvariantCulture),
                total == 0 ? "n/a" : ResultLine.Number(pure / (double)total, 3),
                alerted.Count == 0 ? "n/a" : ResultLine.Number(alerted.Count(s => s.Complete) / (double)alerted.Count, 3),
                alerted.Count == 0 ? "n/a (no alert)" : ResultLine.Number(alerted.Count(s => s.Rank == 1) / (double)alerted.Count, 3),
                alerted.Count == 0 ? "n/a (no alert)" : ResultLine.Number(alerted.Count(s => s.Rank is >= 1 and <= 3) / (double)alerted.Count, 3),
                alerted.Count == 0 ? "n/a" : ResultLine.Number(alerted.Average(s => s.Rank ?? 6), 2));
        }

        table.Print();
        var scored = all.Where(s => s.Alerts > 0).ToList();
        var top1 = scored.Count == 0 ? 0 : scored.Count(s => s.Rank == 1) / (double)scored.Count;
        var top3 = scored.Count == 0 ? 0 : scored.Count(s => s.Rank is >= 1 and <= 3) / (double)scored.Count;
        var purity = incidentsTotal == 0 ? 0 : incidentsPure / (double)incidentsTotal;
        var completeness = scored.Count == 0 ? 0 : scored.Count(s => s.Complete) / (double)scored.Count;
        Console.WriteLine($"{all.Count} faults injected ({types.Length} types x {runs} runs, each alongside an unrelated second fault); {scored.Count} raised alerts and were scored.");
        Console.WriteLine($"Faults that raise no alert ({string.Join(", ", types.Where(t => all.Where(s => s.Type == t).All(s => s.Alerts == 0)))}) are cost or drift findings for the other agents, not incidents; they are listed, not scored.");
        Console.WriteLine($"Correlation: {incidentsPure} of {incidentsTotal} incidents hold alerts of one fault only; {scored.Count(s => s.Complete)} of {scored.Count} faults have all their alerts in one incident. {clock.Elapsed.TotalSeconds:0.0} s.");
        ResultLine.Write(
            Name,
            ("scenarios", scored.Count.ToString(CultureInfo.InvariantCulture)),
            ("types", types.Length.ToString(CultureInfo.InvariantCulture)),
            ("top1", ResultLine.Number(top1, 3)),
            ("top3", ResultLine.Number(top3, 3)),
            ("correlation_purity", ResultLine.Number(purity, 3)),
            ("completeness", ResultLine.Number(completeness, 3)));
        return Task.FromResult(0);
    }

    private static RunResult RunOnce(string type, string distractorType, ulong seed, int resources, bool verbose)
    {
        var time = new FakeTimeProvider(Start);
        var estate = SimulatedEstate.Create(new EstateOptions { Seed = seed, ResourceCount = resources }, time);
        var topology = new InventoryTopology();
        var context = new RecentContext(new AIOps.Logs.LogTemplateMiner());
        var correlator = new AlertCorrelator(new CorrelationOptions(), topology, context);
        var feed = new Feed(estate, topology, context, correlator);

        feed.Advance(time, TimeSpan.FromMinutes(20));
        var fault = estate.StartScenario(new ScenarioRequest(type));
        feed.Advance(time, TimeSpan.FromMinutes(4));
        var targetsTaken = estate.GetScenario(fault.Id)!.GroundTruth!.AffectedIds.ToHashSet(StringComparer.Ordinal);
        ScenarioInfo? second = null;
        foreach (var candidate in estate.Resources().Where(r => ScenarioCatalog.Types[distractorType].TargetKinds.Contains(r.Spec.Kind) && !targetsTaken.Contains(r.Id)).Select(r => r.Id).Skip((int)(seed % 7)))
        {
            try
            {
                second = estate.StartScenario(new ScenarioRequest(distractorType, candidate));
                break;
            }
            catch (SimulationValidationException)
            {
                // That target cannot take this fault (e.g. not running); try the next one.
            }
        }

        feed.Advance(time, TimeSpan.FromMinutes(86));

        var truth = estate.GetScenario(fault.Id)!.GroundTruth!;
        var otherTruth = second is null ? null : estate.GetScenario(second.Id)!.GroundTruth;
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var alert in feed.Alerts)
        {
            var resource = alert.Labels.GetValueOrDefault("resource_id") ?? "";
            var mine = truth.AffectedIds.Contains(resource) && alert.StartsAt >= truth.StartedAt;
            var theirs = otherTruth is not null && otherTruth.AffectedIds.Contains(resource) && alert.StartsAt >= otherTruth.StartedAt;
            owner[AlertKey.Of(SimulationSignals.Source, alert.Fingerprint)] = mine && !theirs ? "fault" : theirs && !mine ? "other" : mine ? "both" : "background";
        }

        // Purity: an incident's alerts come from one fault (alerts on resources both faults touched fit either).
        var incidents = correlator.IncidentIds.ToList();
        var pure = 0;
        foreach (var incident in incidents)
        {
            var owners = correlator.AlertsOf(incident).Select(a => owner.GetValueOrDefault(AlertKey.Of(a.Alert.Source, a.Alert.Fingerprint), "background")).Where(o => o != "both").Distinct().ToList();
            pure += owners.Count <= 1 ? 1 : 0;
            if (verbose && owners.Count > 1)
            {
                Console.WriteLine($"  impure {incident} ({type} + {distractorType}): {string.Join("; ", correlator.AlertsOf(incident).Select(a => $"{a.Alert.Name}@{a.Alert.ResourceId}={owner.GetValueOrDefault(AlertKey.Of(a.Alert.Source, a.Alert.Fingerprint))}"))}");
            }
        }

        var faultKeys = owner.Where(o => o.Value is "fault" or "both").Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        if (faultKeys.Count == 0)
        {
            return new RunResult(new FaultScore(type, 0, false, null), incidents.Count, pure);
        }

        var byIncident = faultKeys
            .Select(k => correlator.IncidentOf(SimulationSignals.Source, k[(SimulationSignals.Source.Length + 1)..]))
            .GroupBy(i => i ?? "(none)")
            .OrderByDescending(g => g.Count())
            .ToList();
        var complete = byIncident.Count == 1 && byIncident[0].Key != "(none)";
        var main = byIncident.First(g => g.Key != "(none)").Key;
        var analyzer = new RootCauseAnalyzer(topology, context, new EstateDemand(estate));
        var alertsOfMain = correlator.AlertsOf(main).Select(a => a.Alert).OrderBy(a => a.StartsAt).ToList();
        var ranked = analyzer.Analyze(alertsOfMain);
        var index = ranked.Select(c => c.ResourceId).ToList().IndexOf(truth.RootCauseId);
        int? rank = index < 0 ? null : index + 1;
        if (verbose)
        {
            Console.WriteLine($"  {type} (+{distractorType}) root {truth.RootCauseId} ({topology.KindOf(truth.RootCauseId)}): rank {rank?.ToString(CultureInfo.InvariantCulture) ?? "-"}, {byIncident.Count} incident(s) for its {faultKeys.Count} alerts");
            foreach (var candidate in ranked.Take(3))
            {
                Console.WriteLine($"     {candidate.Score:0.000} {candidate.Kind} {candidate.ResourceId}: {string.Join(" | ", candidate.Evidence)}");
            }
        }

        return new RunResult(new FaultScore(type, faultKeys.Count, complete, rank), incidents.Count, pure);
    }

    private sealed record FaultScore(string Type, int Alerts, bool Complete, int? Rank);

    private sealed record RunResult(FaultScore Fault, int Incidents, int PureIncidents);

    /// <summary>Moves the estate forward minute by minute and feeds what it reports to the topology, the context and the correlator.</summary>
    private sealed class Feed(SimulatedEstate estate, InventoryTopology topology, RecentContext context, AlertCorrelator correlator)
    {
        private long _alerts;
        private long _events;
        private long _logs;

        public List<SimulatedAlert> Alerts { get; } = [];

        public void Advance(FakeTimeProvider time, TimeSpan by)
        {
            var end = time.GetUtcNow() + by;
            while (time.GetUtcNow() < end)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                estate.Advance();
                var present = new HashSet<string>(StringComparer.Ordinal);
                foreach (var resource in estate.Resources())
                {
                    topology.Upsert(resource);
                    present.Add(resource.Id);
                }

                foreach (var item in estate.Events(_events))
                {
                    _events = item.Sequence;
                    context.AddEvent(item.ResourceId, item.Timestamp, item.Reason, item.Type == "Warning", item.Message);
                }

                foreach (var line in estate.Logs(_logs))
                {
                    _logs = line.Sequence;
                    context.AddLog(line.ResourceId, line.Timestamp, line.Level, line.Message);
                }

                foreach (var alert in estate.Alerts(_alerts))
                {
                    _alerts = alert.Sequence;
                    Alerts.Add(alert);
                    var signal = SimulationSignals.Alert(alert);
                    var facts = AlertEvents.ToFacts(signal, topology.KindOf);
                    var change = alert.Status == "resolved" ? AlertChange.Resolved : AlertChange.Firing;
                    correlator.Observe(new AlertObservation(signal.Id, facts, change, 1, signal.Timestamp));
                }

                correlator.Tick(time.GetUtcNow());
            }
        }
    }

    /// <summary>Request-rate surges read from the estate's own metrics.</summary>
    private sealed class EstateDemand(SimulatedEstate estate) : IDemandProbe
    {
        public double? Surge(string resourceId, DateTimeOffset at)
        {
            var now = estate.Value(resourceId, MetricNames.RequestRate, at);
            var before = estate.Value(resourceId, MetricNames.RequestRate, at.AddHours(-1));
            return now is > 0 && before is > 0 ? now / before : null;
        }
    }
}
