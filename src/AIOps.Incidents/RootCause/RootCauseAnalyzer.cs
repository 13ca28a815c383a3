using System.Collections.Immutable;
using System.Globalization;
using AIOps.Abstractions.Incidents;
using AIOps.Incidents.Correlation;
using AIOps.Incidents.Evidence;

namespace AIOps.Incidents.RootCause;

/// <summary>
/// Ranks the resources that may be an incident's root cause from the topology and the order of events, with the
/// evidence for each. The signals, each worth a documented share of the score:
/// <list type="bullet">
/// <item><b>Explains the alerts</b> (0.35): the share of alerting resources the candidate is connected to, nearer counting more.</item>
/// <item><b>Came first</b> (0.20): its first signal (alert or warning event) precedes the others'.</item>
/// <item><b>Changed just before</b> (0.25): a change was recorded on it (rollout, configuration, resize) before the first alert.</item>
/// <item><b>Failed itself</b> (0.15): one of its own alerts says it is down, not ready or full, not merely slow.</item>
/// <item><b>Common cause</b> (0.10): several alerting resources hang directly off it.</item>
/// <item><b>Demand entered there</b> (0.15): when the alerts are all saturation (latency, errors, CPU) and nothing changed, load comes from
/// the top: the alerting resource nothing alerting depends on, confirmed by a surge of its request rate when metrics are available.</item>
/// </list>
/// </summary>
public sealed class RootCauseAnalyzer(ITopologyView topology, ILogContext? context = null, IDemandProbe? demand = null)
{
    /// <summary>How far before the first alert changes are looked for.</summary>
    public static readonly TimeSpan ChangeLookback = TimeSpan.FromMinutes(90);

    private static readonly string[] FailureWords = ["notready", "down", "full", "unreachable", "unavailable", "failed", "crash", "dead", "lost", "oom"];
    private static readonly string[] SaturationWords = ["latency", "errorrate", "error", "cpu", "saturat", "throttl", "queue", "slow", "5xx"];

    /// <summary>Candidates best first (at most <paramref name="top"/>).</summary>
    public ImmutableArray<RootCauseCandidate> Analyze(IReadOnlyList<AlertFacts> alerts, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var located = alerts.Where(a => a.ResourceId is not null).ToList();
        if (located.Count == 0)
        {
            return [];
        }

        var alerting = located.Select(a => a.ResourceId!).Distinct(StringComparer.Ordinal).ToList();
        var firstAlert = located.Min(a => a.StartsAt);
        var lastAlert = located.Max(a => a.StartsAt);
        var span = Math.Max(60, (lastAlert - firstAlert).TotalSeconds);

        var candidates = new HashSet<string>(alerting, StringComparer.Ordinal);
        foreach (var resource in alerting)
        {
            candidates.UnionWith(Neighbours(resource));
        }

        var saturationOnly = located.All(a => Mentions(a, SaturationWords) && !Mentions(a, FailureWords));
        var changes = candidates.ToDictionary(c => c, c => Changes(c, firstAlert), StringComparer.Ordinal);
        var anyChange = changes.Values.Any(c => c.Count > 0);

        var scored = new List<RootCauseCandidate>();
        foreach (var candidate in candidates)
        {
            var evidence = ImmutableArray.CreateBuilder<string>();
            var distances = Distances(candidate, 2);
            var explained = 0.0;
            var reached = 0;
            foreach (var resource in alerting)
            {
                if (distances.TryGetValue(resource, out var d))
                {
                    explained += d switch { 0 => 1.0, 1 => 0.8, _ => 0.5 };
                    reached++;
                }
            }

            var coverage = explained / alerting.Count;
            if (reached > 0)
            {
                evidence.Add(reached == alerting.Count
                    ? $"connected to all {alerting.Count} alerting resources"
                    : $"connected to {reached} of {alerting.Count} alerting resources");
            }

            var own = located.Where(a => a.ResourceId == candidate).OrderBy(a => a.StartsAt).ToList();
            var warnings = context?.Events(candidate, lastAlert, lastAlert - firstAlert + ChangeLookback).Where(e => e.Warning).ToList() ?? [];
            DateTimeOffset? firstSignal = own.Count > 0 ? own[0].StartsAt : null;
            if (warnings.Count > 0 && (firstSignal is null || warnings[0].At < firstSignal))
            {
                firstSignal = warnings[0].At;
            }

            var precedence = 0.0;
            if (firstSignal is { } signal)
            {
                precedence = signal <= firstAlert ? 1.0 : Math.Max(0, 1 - (signal - firstAlert).TotalSeconds / span);
                evidence.Add(signal <= firstAlert
                    ? $"first signal at {signal:HH:mm:ss}, no later than any alert"
                    : $"first signal at {signal:HH:mm:ss}, {(signal - firstAlert).TotalMinutes:0.#} min after the first alert");
            }

            var change = changes[candidate];
            var changeScore = 0.0;
            if (change.Count > 0)
            {
                changeScore = 1.0;
                precedence = 1.0;
                var last = change[^1];
                evidence.Add($"changed {(firstAlert - last.At).TotalMinutes:0.#} min before the first alert: {last.Reason}: {Shorten(last.Message)}");
            }

            var failure = own.FirstOrDefault(a => Mentions(a, FailureWords));
            if (failure is not null)
            {
                evidence.Add($"its own alert {failure.Name} says it failed: {Shorten(failure.Summary)}");
            }
            else if (own.Count > 0)
            {
                evidence.Add($"alerting itself: {string.Join(", ", own.Select(a => a.Name).Distinct(StringComparer.Ordinal))}");
            }

            var entry = 0.0;
            if (saturationOnly && !anyChange && own.Count > 0 && !topology.DependentsOf(candidate).Any(alerting.Contains))
            {
                entry = 0.6;
                var surge = demand?.Surge(candidate, firstAlert);
                if (surge is { } factor && factor >= 1.5)
                {
                    entry = 1.0;
                    evidence.Add(string.Create(CultureInfo.InvariantCulture, $"demand entered here: request rate {factor:0.0}× its level an hour before, and nothing alerting depends on it"));
                }
                else
                {
                    evidence.Add("saturation with no change anywhere, and nothing alerting depends on it: the load enters here");
                }
            }

            // Several alerting resources that hang off this one (pods of a deployment, pods on a node) point at it as their common cause.
            var children = alerting.Count(a => a != candidate && distances.TryGetValue(a, out var d) && d == 1);
            var common = alerting.Count >= 2 && children >= 2 ? children / (double)alerting.Count : 0;
            if (common > 0)
            {
                evidence.Add($"common neighbour of {children} alerting resources");
            }

            var score = 0.10 * common + 0.35 * coverage + 0.20 * precedence + 0.25 * changeScore + 0.15 * (failure is null ? 0 : 1) + 0.15 * entry + (own.Count > 0 ? 0.05 : 0);
            scored.Add(new RootCauseCandidate(candidate, topology.KindOf(candidate), Math.Round(Math.Min(1, score), 4), evidence.ToImmutable()));
        }

        return [.. scored.OrderByDescending(c => c.Score).ThenBy(c => c.ResourceId, StringComparer.Ordinal).Take(top)];
    }

    private List<ContextEvent> Changes(string resource, DateTimeOffset firstAlert) =>
        context?.Events(resource, firstAlert + TimeSpan.FromMinutes(1), ChangeLookback).Where(e => e.Change).ToList() ?? [];

    private Dictionary<string, int> Distances(string from, int maxHops)
    {
        var distances = new Dictionary<string, int>(StringComparer.Ordinal) { [from] = 0 };
        var frontier = new List<string> { from };
        for (var hop = 1; hop <= maxHops; hop++)
        {
            var next = new List<string>();
            foreach (var resource in frontier)
            {
                foreach (var neighbour in Neighbours(resource))
                {
                    if (distances.TryAdd(neighbour, hop))
                    {
                        next.Add(neighbour);
                    }
                }
            }

            frontier = next;
        }

        return distances;
    }

    private IEnumerable<string> Neighbours(string resource) => topology.DependenciesOf(resource).Concat(topology.DependentsOf(resource));

    private static bool Mentions(AlertFacts alert, string[] words)
    {
        var text = (alert.Name + " " + alert.Summary).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return words.Any(w => text.Contains(w, StringComparison.Ordinal));
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}

/// <summary>Reads demand from metrics: how many times a resource's request rate grew against an hour before.</summary>
public interface IDemandProbe
{
    /// <summary>Request rate at <paramref name="at"/> divided by the rate an hour before, or null when unknown.</summary>
    double? Surge(string resourceId, DateTimeOffset at);
}
