using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using AIOps.Abstractions;
using AIOps.Abstractions.Alerts;
using AIOps.Incidents.Evidence;

namespace AIOps.Incidents.Correlation;

/// <summary>
/// Folds alert signals into incidents: de-duplicates on event ids and fingerprints, detects flapping, relates alerts
/// by resource, topology, identifying labels and log templates within a time window, applies the creation
/// conditions, shrinks and resolves incidents as their alerts resolve, and reopens or links on recurrence.
/// Single-threaded (the host serialises calls); deterministic for a given input order.
/// </summary>
public sealed class AlertCorrelator(CorrelationOptions options, ITopologyView topology, ILogContext? logs = null)
{
    private const int RecentIdCapacity = 20_000;
    private readonly Dictionary<string, AlertEntry> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly HashSet<string> _recentIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();
    private readonly Dictionary<string, SourceCounts> _sources = new(StringComparer.Ordinal);

    /// <summary>Groups that are incidents (open or resolved), by incident id.</summary>
    public IEnumerable<string> IncidentIds => _groups.Values.Where(g => g.Opened).Select(g => g.Id);

    /// <summary>Folds one signal in and returns the effects to apply, in order.</summary>
    public IReadOnlyList<CorrelationEffect> Observe(AlertObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var effects = new List<CorrelationEffect>();
        var counts = Counts(observation.Alert.Source);
        counts.Notifications += Math.Max(1, observation.Occurrences);
        if (!Remember(observation.EventId) && observation.Change != AlertChange.Repeat)
        {
            counts.Duplicates++;
            return effects;
        }

        var key = observation.Key;
        if (!_alerts.TryGetValue(key, out var alert))
        {
            if (observation.Change == AlertChange.Resolved || observation.Resolved)
            {
                // A resolution of an alert never seen firing (e.g. it fired before the platform started watching).
                return effects;
            }

            _alerts[key] = alert = new AlertEntry(key, observation.Alert);
            counts.Unique++;
        }

        alert.Notifications += Math.Max(1, observation.Occurrences);
        switch (observation.Change)
        {
            case AlertChange.Repeat when observation.Resolved:
                // The source still reports the resolution: counted, nothing changes.
                break;
            case AlertChange.Repeat when alert.Firing:
                OnRepeat(alert, observation, effects);
                break;
            case AlertChange.Repeat:
            case AlertChange.Firing:
                OnFiring(alert, observation, effects);
                break;
            case AlertChange.Resolved:
                OnResolved(alert, observation, effects);
                break;
        }

        return effects;
    }

    /// <summary>Time-driven decisions: creation conditions that wait for a duration, and flapping alerts that settled.</summary>
    public IReadOnlyList<CorrelationEffect> Tick(DateTimeOffset now)
    {
        var effects = new List<CorrelationEffect>();
        foreach (var group in _groups.Values.Where(g => !g.Opened && g.AnyFiring(_alerts)).ToList())
        {
            TryOpen(group, now, effects);
        }

        foreach (var alert in _alerts.Values.Where(a => a.Flapping && !a.Firing && now - a.LastChangeAt >= options.FlapWindow / 2).ToList())
        {
            alert.Flapping = false;
            if (alert.GroupId is { } id && _groups.TryGetValue(id, out var group) && group.Opened)
            {
                effects.Add(new AlertFlapping(group.Id, alert.Key, false, alert.TransitionsWithin(now, options.FlapWindow)));
                ResolveIfDone(group, [alert.Key], now, effects);
            }
        }

        Forget(now);
        return effects;
    }

    /// <summary>Rebuilds knowledge of an incident that exists already (after a restart): its alerts, their states and its status.</summary>
    public void Restore(string incidentId, IEnumerable<(AlertFacts Alert, bool Firing)> alerts, bool resolved, DateTimeOffset lastActivity, DateTimeOffset? resolvedAt)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var group = new Group(incidentId, lastActivity) { Opened = true, Resolved = resolved, ResolvedAt = resolvedAt, LastJoinAt = lastActivity };
        foreach (var (facts, firing) in alerts)
        {
            var key = AlertKey.Of(facts.Source, facts.Fingerprint);
            var entry = new AlertEntry(key, facts) { Firing = firing, GroupId = incidentId, LastChangeAt = lastActivity };
            _alerts[key] = entry;
            group.Add(entry, Identifying(facts));
        }

        _groups[incidentId] = group;
    }

    /// <summary>Alerts in and incidents out, per source and overall, since this correlator started.</summary>
    public NoiseReport Noise()
    {
        var incidentsBySource = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in _groups.Values.Where(g => g.Opened))
        {
            foreach (var source in group.Alerts.Select(k => _alerts.TryGetValue(k, out var a) ? a.Facts.Source : null).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                incidentsBySource[source] = incidentsBySource.GetValueOrDefault(source) + 1;
            }
        }

        var rows = _sources.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new NoiseRow(s.Key, s.Value.Notifications, s.Value.Unique, s.Value.Duplicates, incidentsBySource.GetValueOrDefault(s.Key)))
            .ToImmutableArray();
        return new NoiseReport(rows, rows.Sum(r => r.Notifications), rows.Sum(r => r.UniqueAlerts), _groups.Values.Count(g => g.Opened), (int)_sources.Values.Sum(s => s.Suppressed));
    }

    /// <summary>The incident an alert belongs to, if any.</summary>
    public string? IncidentOf(string source, string fingerprint) =>
        _alerts.TryGetValue(AlertKey.Of(source, fingerprint), out var a) && a.GroupId is { } id && _groups.TryGetValue(id, out var g) && g.Opened ? id : null;

    /// <summary>What the correlator knows of an alert (by <see cref="AlertKey"/>), if anything.</summary>
    public AlertFacts? FactsOf(string alertKey) => _alerts.TryGetValue(alertKey, out var a) ? a.Facts : null;

    /// <summary>An incident's alerts and whether each still fires.</summary>
    public IReadOnlyList<(AlertFacts Alert, bool Firing)> AlertsOf(string incidentId) =>
        _groups.TryGetValue(incidentId, out var group) ? [.. group.Alerts.Select(k => (_alerts[k].Facts, _alerts[k].Firing))] : [];

    /// <summary>The id an incident gets from its first alert: stable, so replaying the same signals derives the same ids.</summary>
    public static string IncidentIdFor(AlertFacts first, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(first);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(AlertKey.Of(first.Source, first.Fingerprint)))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return string.Create(CultureInfo.InvariantCulture, $"inc-{at.UtcDateTime:yyyyMMdd-HHmmss}-{hash:x8}");
    }

    private void OnRepeat(AlertEntry alert, AlertObservation observation, List<CorrelationEffect> effects)
    {
        if (alert.GroupId is { } id && _groups.TryGetValue(id, out var group))
        {
            group.Notifications += Math.Max(1, observation.Occurrences);
            if (!group.Opened)
            {
                TryOpen(group, observation.At, effects);
            }
        }
    }

    private void OnFiring(AlertEntry alert, AlertObservation observation, List<CorrelationEffect> effects)
    {
        var at = observation.At;
        var wasKnownResolved = alert.GroupId is not null && !alert.Firing;
        alert.Facts = observation.Alert;
        alert.Firing = true;
        alert.RecordTransition(at);
        CheckFlapping(alert, at, effects);

        if (alert.GroupId is { } previousId && _groups.TryGetValue(previousId, out var previous))
        {
            if (!previous.Resolved)
            {
                // Fired again while its incident is still open: it rejoins it.
                previous.LastJoinAt = at;
                previous.Notifications += Math.Max(1, observation.Occurrences);
                if (previous.Opened && wasKnownResolved)
                {
                    effects.Add(new AlertsJoined(previous.Id, [alert.Facts], ["fired again"]));
                }
                else if (!previous.Opened)
                {
                    TryOpen(previous, at, effects);
                }

                return;
            }

            if (previous.ResolvedAt is { } resolvedAt && at - resolvedAt <= options.ReopenWindow)
            {
                Reopen(previous, alert, at, effects);
                return;
            }
        }

        var (best, _, reason) = BestGroup(alert, at);
        if (best is not null)
        {
            if (best.Resolved)
            {
                alert.GroupId = best.Id;
                best.Add(alert, Identifying(alert));
                Reopen(best, alert, at, effects);
                return;
            }

            alert.GroupId = best.Id;
            best.Add(alert, Identifying(alert));
            best.LastJoinAt = at;
            best.Notifications += Math.Max(1, observation.Occurrences);
            if (best.Opened)
            {
                effects.Add(new AlertsJoined(best.Id, [alert.Facts], [reason]));
            }
            else
            {
                TryOpen(best, at, effects);
            }

            return;
        }

        var linkedTo = alert.GroupId is { } oldId && _groups.TryGetValue(oldId, out var old) && old.Opened ? old.Id : null;
        var id = IncidentIdFor(alert.Facts, at);
        for (var n = 2; _groups.ContainsKey(id); n++)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{IncidentIdFor(alert.Facts, at)}-{n}");
        }

        var group = new Group(id, at) { LinkedTo = linkedTo, LastJoinAt = at, Notifications = Math.Max(1, observation.Occurrences) };

        _groups[group.Id] = group;
        alert.GroupId = group.Id;
        group.Add(alert, Identifying(alert));
        TryOpen(group, at, effects);
    }

    private void OnResolved(AlertEntry alert, AlertObservation observation, List<CorrelationEffect> effects)
    {
        var at = observation.At;
        if (!alert.Firing)
        {
            return;
        }

        alert.Firing = false;
        alert.RecordTransition(at);
        CheckFlapping(alert, at, effects);
        if (alert.GroupId is not { } id || !_groups.TryGetValue(id, out var group))
        {
            return;
        }

        if (!group.Opened)
        {
            if (group.Firing(_alerts) == 0)
            {
                // Never met the creation conditions: it was noise, and it is gone.
                group.Discarded = true;
                Counts(alert.Facts.Source).Suppressed++;
            }

            return;
        }

        ResolveIfDone(group, [alert.Key], at, effects);
    }

    private void ResolveIfDone(Group group, ImmutableArray<string> keys, DateTimeOffset at, List<CorrelationEffect> effects)
    {
        if (group.Resolved)
        {
            return;
        }

        // A flapping alert holds its incident open until it settles (see Tick).
        var holding = group.Alerts.Count(k => _alerts[k].Firing || _alerts[k].Flapping);
        if (holding == 0)
        {
            group.Resolved = true;
            group.ResolvedAt = at;
            effects.Add(new IncidentToResolve(group.Id, at));
        }
        else
        {
            effects.Add(new AlertsResolved(group.Id, keys, group.Firing(_alerts), at));
        }
    }

    private void Reopen(Group group, AlertEntry alert, DateTimeOffset at, List<CorrelationEffect> effects)
    {
        group.Resolved = false;
        group.ResolvedAt = null;
        group.LastJoinAt = at;
        effects.Add(new IncidentToReopen(group.Id, alert.Facts));
    }

    private void TryOpen(Group group, DateTimeOffset now, List<CorrelationEffect> effects)
    {
        if (group.Opened || group.Discarded)
        {
            return;
        }

        var alerts = group.Alerts.Select(k => _alerts[k]).ToList();
        var meets = group.Notifications >= options.MinOccurrences
            || now - group.FirstAt >= options.MinDuration && options.MinDuration > TimeSpan.Zero
            || options.CriticalOpensAtOnce && alerts.Any(a => a.Facts.Severity == Severity.Critical);
        if (options.MinOccurrences <= 1 && options.MinDuration == TimeSpan.Zero)
        {
            meets = true;
        }

        if (!meets)
        {
            return;
        }

        group.Opened = true;
        var resources = alerts.Select(a => a.Facts.ResourceId).OfType<string>().Distinct(StringComparer.Ordinal).ToImmutableArray();
        effects.Add(new IncidentToOpen(group.Id, [.. alerts.Select(a => a.Facts)], resources, group.FirstAt, group.LinkedTo));
    }

    private void CheckFlapping(AlertEntry alert, DateTimeOffset at, List<CorrelationEffect> effects)
    {
        var transitions = alert.TransitionsWithin(at, options.FlapWindow);
        var flapping = transitions >= options.FlapTransitions;
        if (flapping == alert.Flapping)
        {
            return;
        }

        alert.Flapping = flapping;
        if (alert.GroupId is { } id && _groups.TryGetValue(id, out var group) && group.Opened)
        {
            effects.Add(new AlertFlapping(id, alert.Key, flapping, transitions));
        }
    }

    private (Group? Group, double Score, string Reason) BestGroup(AlertEntry alert, DateTimeOffset at)
    {
        Group? best = null;
        var bestScore = 0.0;
        var bestReason = "";
        foreach (var group in _groups.Values)
        {
            if (group.Discarded)
            {
                continue;
            }

            var active = !group.Resolved && (group.AnyFiring(_alerts) || at - group.LastJoinAt <= options.Window);
            var reopenable = group.Resolved && group.ResolvedAt is { } r && at - r <= options.ReopenWindow;
            if (!active && !reopenable)
            {
                continue;
            }

            var (score, reason) = Relatedness(alert, group, at);
            if (reopenable && !active)
            {
                score *= 0.9;
            }

            if (score >= options.JoinThreshold && (score > bestScore || score == bestScore && best is not null && group.LastJoinAt > best.LastJoinAt))
            {
                (best, bestScore, bestReason) = (group, score, reason);
            }
        }

        return (best, bestScore, bestReason);
    }

    private (double Score, string Reason) Relatedness(AlertEntry alert, Group group, DateTimeOffset at)
    {
        var best = (Score: 0.0, Reason: "");
        void Consider(double score, string reason)
        {
            if (score > best.Score)
            {
                best = (score, reason);
            }
        }

        if (alert.Facts.ResourceId is { } resource)
        {
            if (group.Resources.Contains(resource))
            {
                return (1.0, $"same resource {resource}");
            }

            foreach (var next in Neighbours(resource))
            {
                if (group.Resources.Contains(next))
                {
                    Consider(0.9, $"topology: {resource} and {next} are directly connected");
                    continue;
                }

                if (options.MaxHops < 2)
                {
                    continue;
                }

                foreach (var far in Neighbours(next))
                {
                    if (far == resource || !group.Resources.Contains(far))
                    {
                        continue;
                    }

                    var chain = topology.DependenciesOf(resource).Contains(next) && topology.DependenciesOf(next).Contains(far)
                        || topology.DependenciesOf(far).Contains(next) && topology.DependenciesOf(next).Contains(resource);
                    var sharedDependent = topology.DependentsOf(resource).Contains(next) && topology.DependentsOf(far).Contains(next);
                    if (chain)
                    {
                        Consider(0.7, $"topology: {resource} → {next} → {far}");
                    }
                    else if (sharedDependent && group.Names.Contains(alert.Facts.Name))
                    {
                        Consider(0.6, $"topology: {resource} and {far} both serve {next}, same alert {alert.Facts.Name}");
                    }
                    else if (IsAlerting(next, group))
                    {
                        Consider(0.7, $"topology: {resource} and {far} share {next}, which is alerting");
                    }
                }
            }
        }

        var labels = Identifying(alert);
        if (labels.Count >= 2)
        {
            var shared = labels.Count(group.LabelPairs.Contains);
            var similarity = shared / (double)(labels.Count + group.LabelPairs.Count - shared);
            // The group as a whole, or failing that one of its alerts, must be similar enough.
            if (shared >= 2 && (similarity >= options.LabelSimilarity || group.Alerts.Any(k => Jaccard(labels, Identifying(_alerts[k])) >= options.LabelSimilarity)))
            {
                Consider(0.6, $"labels: {string.Join(", ", labels.Where(group.LabelPairs.Contains).Order(StringComparer.Ordinal).Take(4))}");
            }
        }

        if (logs is not null && alert.Facts.ResourceId is { } r2 && best.Score < options.JoinThreshold)
        {
            var mine = logs.ErrorTemplates(r2, at, options.Window);
            if (mine.Count > 0)
            {
                foreach (var other in group.Resources)
                {
                    var theirs = logs.ErrorTemplates(other, at, options.Window);
                    var similarity = TemplateSets.Similarity(mine, theirs);
                    if (similarity >= options.TemplateSimilarity)
                    {
                        Consider(0.55, $"log templates: {r2} and {other} log the same errors ({similarity:0.00})");
                        break;
                    }
                }
            }
        }

        return best;
    }

    private bool IsAlerting(string resource, Group group) =>
        group.Alerts.Any(k => _alerts[k].Firing && _alerts[k].Facts.ResourceId == resource)
        || _alerts.Values.Any(a => a.Firing && a.Facts.ResourceId == resource);

    private IEnumerable<string> Neighbours(string resource) => topology.DependenciesOf(resource).Concat(topology.DependentsOf(resource)).Distinct(StringComparer.Ordinal);

    private HashSet<string> Identifying(AlertEntry alert) => alert.IdentifyingPairs ??= Identifying(alert.Facts);

    private HashSet<string> Identifying(AlertFacts facts)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in options.IdentifyingLabels)
        {
            if (facts.Labels.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                pairs.Add(name + "=" + value);
            }
        }

        return pairs;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return shared < 2 ? 0 : shared / (double)(a.Count + b.Count - shared);
    }

    private bool Remember(string eventId)
    {
        if (!_recentIds.Add(eventId))
        {
            return false;
        }

        _recentOrder.Enqueue(eventId);
        if (_recentOrder.Count > RecentIdCapacity)
        {
            _recentIds.Remove(_recentOrder.Dequeue());
        }

        return true;
    }

    private void Forget(DateTimeOffset now)
    {
        // Resolved incidents past the reopen window and discarded groups no longer take part; their alerts keep only a link.
        var horizon = options.ReopenWindow + options.Window;
        foreach (var group in _groups.Values.Where(g => g.Discarded || g.Resolved && g.ResolvedAt is { } r && now - r > horizon * 4).ToList())
        {
            _groups.Remove(group.Id);
            foreach (var key in group.Alerts)
            {
                if (_alerts.TryGetValue(key, out var alert) && !alert.Firing && alert.GroupId == group.Id)
                {
                    _alerts.Remove(key);
                }
            }
        }
    }

    private SourceCounts Counts(string source)
    {
        if (!_sources.TryGetValue(source, out var counts))
        {
            _sources[source] = counts = new SourceCounts();
        }

        return counts;
    }

    private sealed class SourceCounts
    {
        public long Notifications { get; set; }

        public long Unique { get; set; }

        public long Duplicates { get; set; }

        public long Suppressed { get; set; }
    }

    private sealed class AlertEntry(string key, AlertFacts facts)
    {
        private readonly Queue<DateTimeOffset> _transitions = new();

        public string Key { get; } = key;

        private AlertFacts _facts = facts;

        public AlertFacts Facts
        {
            get => _facts;
            set
            {
                if (!ReferenceEquals(_facts, value))
                {
                    _facts = value;
                    IdentifyingPairs = null;
                }
            }
        }

        /// <summary>The identifying label pairs of <see cref="Facts"/>, cached by the correlator (they are compared against every group member).</summary>
        public HashSet<string>? IdentifyingPairs { get; set; }

        public bool Firing { get; set; }

        public bool Flapping { get; set; }

        public string? GroupId { get; set; }

        public long Notifications { get; set; }

        public DateTimeOffset LastChangeAt { get; set; }

        public void RecordTransition(DateTimeOffset at)
        {
            _transitions.Enqueue(at);
            LastChangeAt = at;
            while (_transitions.Count > 64)
            {
                _transitions.Dequeue();
            }
        }

        public int TransitionsWithin(DateTimeOffset now, TimeSpan window) => _transitions.Count(t => now - t <= window);
    }

    private sealed class Group(string id, DateTimeOffset firstAt)
    {
        public string Id { get; } = id;

        public DateTimeOffset FirstAt { get; } = firstAt;

        public List<string> Alerts { get; } = [];

        public HashSet<string> Resources { get; } = new(StringComparer.Ordinal);

        public HashSet<string> LabelPairs { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public bool Opened { get; set; }

        public bool Resolved { get; set; }

        public bool Discarded { get; set; }

        public DateTimeOffset? ResolvedAt { get; set; }

        public DateTimeOffset LastJoinAt { get; set; }

        public long Notifications { get; set; }

        public string? LinkedTo { get; init; }

        public void Add(AlertEntry alert, HashSet<string> labelPairs)
        {
            if (!Alerts.Contains(alert.Key))
            {
                Alerts.Add(alert.Key);
            }

            if (alert.Facts.ResourceId is { } resource)
            {
                Resources.Add(resource);
            }

            Names.Add(alert.Facts.Name);
            LabelPairs.UnionWith(labelPairs);
        }

        public int Firing(Dictionary<string, AlertEntry> alerts) => Alerts.Count(k => alerts[k].Firing);

        public bool AnyFiring(Dictionary<string, AlertEntry> alerts) => Alerts.Exists(k => alerts[k].Firing);
    }
}

/// <summary>Alerts in and incidents out.</summary>
/// <param name="Sources">Per source.</param>
/// <param name="Notifications">Alert notifications received (repeats included).</param>
/// <param name="UniqueAlerts">Distinct alerts (fingerprints).</param>
/// <param name="Incidents">Incidents opened.</param>
/// <param name="Suppressed">Groups that never met the creation conditions.</param>
public sealed record NoiseReport(ImmutableArray<NoiseRow> Sources, long Notifications, long UniqueAlerts, int Incidents, int Suppressed)
{
    /// <summary>Notifications per incident: how much noise was folded away (0 when there were no incidents).</summary>
    public double ReductionRatio => Incidents == 0 ? 0 : Notifications / (double)Incidents;
}

/// <summary>One source's alerts in and incidents out.</summary>
/// <param name="Source">The source.</param>
/// <param name="Notifications">Notifications received (repeats included).</param>
/// <param name="UniqueAlerts">Distinct alerts.</param>
/// <param name="Duplicates">Redeliveries skipped.</param>
/// <param name="Incidents">Incidents holding at least one of its alerts.</param>
public sealed record NoiseRow(string Source, long Notifications, long UniqueAlerts, long Duplicates, int Incidents);
