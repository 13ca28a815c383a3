using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Alerts;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Orchestration;
using AIOps.Grains.Catalog;
using AIOps.Grains.Runbooks;
using AIOps.Grains.Topology;
using AIOps.Incidents.Classification;
using AIOps.Incidents.Context;
using AIOps.Incidents.Correlation;
using AIOps.Incidents.Evidence;
using AIOps.Incidents.Impact;
using AIOps.Incidents.RootCause;
using AIOps.Incidents.Runbooks;
using AIOps.Logs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AIOps.Grains.Alerts;

/// <summary>
/// The incident response agent's correlation engine. It folds stored alert signals into incidents with
/// <see cref="AlertCorrelator"/>, keeps the recent Kubernetes events and log templates of the estate for it, and a
/// moment after an incident last changed analyses it (root-cause candidates with evidence). Incidents are the
/// source of truth: after a restart the correlator rebuilds what it knew from the incidents still open.
/// </summary>
public sealed partial class AlertCorrelatorGrain(
    IResourceGraph graph,
    IResourceCatalog catalog,
    IOptions<CorrelationOptions> options,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<AlertCorrelatorGrain> logger) : Grain, IAlertCorrelatorGrain
{
    /// <summary>Who the correlator acts as on incidents.</summary>
    public const string Actor = "agent:incident-response";

    /// <summary>The agent whose configuration (enabled, automation level) governs remediation.</summary>
    public const string Agent = "incident-response";

    private static readonly TimeSpan TopologyTtl = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan AnalysisDelay = TimeSpan.FromSeconds(1.5);

    private readonly InventoryTopology _topology = new();
    private readonly Dictionary<string, DateTimeOffset> _loadedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _teams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _remediated = new(StringComparer.Ordinal);
    private RecentContext _context = null!;
    private AlertCorrelator _correlator = null!;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _context = new RecentContext(new LogTemplateMiner());
        _correlator = new AlertCorrelator(options.Value, _topology, _context);
        await RestoreAsync();
        this.RegisterGrainTimer(static (grain, _) => grain.TickAsync(), this, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
    }

    /// <inheritdoc />
    public async Task ObserveAsync(ImmutableArray<AlertSignal> signals)
    {
        if (signals.IsDefaultOrEmpty)
        {
            return;
        }

        var timer = System.Diagnostics.Stopwatch.StartNew();
        await LoadTopologyAsync(signals.Select(s => s.Event.ResourceId ?? s.Event.Data?.GetValueOrDefault("resource_id")).OfType<string>());
        var loaded = timer.Elapsed;
        var effects = new List<CorrelationEffect>();
        foreach (var signal in signals)
        {
            var facts = AlertEvents.ToFacts(signal.Event, _topology.KindOf);
            var at = signal.Change switch
            {
                AlertChange.Firing => facts.StartsAt,
                AlertChange.Resolved => signal.Event.Timestamp,
                _ => signal.ReceivedAt,
            };
            effects.AddRange(_correlator.Observe(new AlertObservation(signal.Event.Id, facts, signal.Change, signal.Occurrences, at, signal.Event.Type == EventTypes.AlertResolved)));
        }

        var correlated = timer.Elapsed;
        await ApplyAsync(effects);
        if (timer.Elapsed > TimeSpan.FromMilliseconds(100))
        {
            LogSlow(logger, signals.Length, effects.Count, (long)loaded.TotalMilliseconds, (long)(correlated - loaded).TotalMilliseconds, (long)(timer.Elapsed - correlated).TotalMilliseconds);
        }

        // The changes also reach the agents' streams (the routing rules decide which agents see them), without holding up correlation.
        var changes = signals.Where(s => s.Change != AlertChange.Repeat).Select(s => s.Event).ToImmutableArray();
        if (!changes.IsEmpty)
        {
            await GrainFactory.GetGrain<IEventRouterGrain>(0).RouteBatchAsync(changes);
        }
    }

    /// <inheritdoc />
    public Task ObserveContextAsync(ImmutableArray<SystemEvent> events)
    {
        foreach (var item in events.IsDefault ? [] : events)
        {
            if (item.ResourceId is not { Length: > 0 } resource)
            {
                continue;
            }

            var data = item.Data ?? ImmutableDictionary<string, string>.Empty;
            if (item.Type == EventTypes.KubernetesEvent)
            {
                _context.AddEvent(resource, item.Timestamp, data.GetValueOrDefault("reason") ?? "Unknown",
                    string.Equals(data.GetValueOrDefault("type"), "Warning", StringComparison.OrdinalIgnoreCase), data.GetValueOrDefault("message") ?? "");
            }
            else if (item.Type == EventTypes.LogLine)
            {
                _context.AddLog(resource, item.Timestamp, data.GetValueOrDefault("level") ?? "INFO", data.GetValueOrDefault("message") ?? "");
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<NoiseReduction> GetNoiseReductionAsync()
    {
        var report = _correlator.Noise();
        return Task.FromResult(new NoiseReduction(
            [.. report.Sources.Select(s => new NoiseReductionRow(s.Source, s.Notifications, s.UniqueAlerts, s.Duplicates, s.Incidents))],
            report.Notifications, report.UniqueAlerts, report.Incidents, report.Suppressed));
    }

    /// <inheritdoc />
    public Task<int> AnalyzeNowAsync(string incidentId)
    {
        _dirty[incidentId] = DateTimeOffset.MinValue;
        return AnalyzeDueAsync(force: true);
    }

    private async Task TickAsync()
    {
        await ApplyAsync(_correlator.Tick(clock.GetUtcNow()));
        await AnalyzeDueAsync(force: false);
    }

    private async Task<int> AnalyzeDueAsync(bool force)
    {
        var now = clock.GetUtcNow();
        var due = _dirty.Where(d => force || now - d.Value >= AnalysisDelay).Select(d => d.Key).ToList();
        foreach (var id in due)
        {
            _dirty.Remove(id);
            var alerts = _correlator.AlertsOf(id).Select(a => a.Alert).ToList();
            if (alerts.Count == 0)
            {
                continue;
            }

            var timer = System.Diagnostics.Stopwatch.StartNew();
            await LoadTopologyAsync(alerts.Select(a => a.ResourceId).OfType<string>());
            try
            {
                await AnalyzeAsync(id, alerts);
            }
            catch (AIOpsException e)
            {
                LogApplyFailed(logger, e, id);
            }

            if (timer.Elapsed > TimeSpan.FromMilliseconds(100))
            {
                LogSlowAnalysis(logger, id, alerts.Count, (long)timer.Elapsed.TotalMilliseconds);
            }
        }

        return due.Count;
    }

    private async Task AnalyzeAsync(string id, List<AlertFacts> alerts)
    {
        var now = clock.GetUtcNow();
        var resources = alerts.Select(a => a.ResourceId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var window = now - alerts.Min(a => a.StartsAt) + options.Value.Window;
        var evidence = new IncidentEvidence(
            [.. alerts.Select(a => a with { ResourceKind = a.ResourceKind ?? (a.ResourceId is { } r ? _topology.KindOf(r) : null) })],
            [.. resources.SelectMany(r => _context.ErrorTemplates(r, now, window)).Distinct(StringComparer.Ordinal)],
            [.. resources.SelectMany(r => _context.Events(r, now, window)).Where(e => e.Reason != "log").Select(e => e.Reason).Distinct(StringComparer.Ordinal)],
            [.. resources.Select(_topology.KindOf).OfType<string>().Distinct(StringComparer.Ordinal)]);

        var causes = new RootCauseAnalyzer(_topology, _context).Analyze(alerts);
        var classification = services.GetService<IncidentClassifierSource>()?.Classify(evidence);
        var dependents = resources.Count == 0 ? 0 : await graph.CountBlastRadiusAsync(resources, 10_000);
        var environments = resources.Select(_topology.EnvironmentOf).OfType<string>().Select(SeveritySignals.ParseEnvironment).ToHashSet();
        var environment = new[] { DeploymentEnvironment.Production, DeploymentEnvironment.Staging, DeploymentEnvironment.Development }
            .FirstOrDefault(environments.Contains, DeploymentEnvironment.Unknown);
        var severity = SeverityAssessor.Assess(SeveritySignals.From(evidence, dependents, environment));
        var title = causes.IsEmpty ? null : Title(alerts, causes[0], classification);
        var incident = await GrainFactory.GetGrain<IIncidentGrain>(id).RecordAnalysisAsync(Actor,
            new IncidentAnalysis(title, classification, severity.Severity, severity.Reasons, causes));
        if (classification is { Type: not IncidentClassifier.Unknown } known && known.Confidence >= IncidentClassifier.ConfidentAt
            && incident.Status is IncidentStatus.Open or IncidentStatus.Investigating && incident.Alerts.Any(a => a.Firing))
        {
            await RemediateAsync(incident, known);
        }
    }

    private async Task RemediateAsync(Incident incident, IncidentClassification type)
    {
        var key = $"{incident.Id}/{type.Type}";
        if (_remediated.Contains(key))
        {
            return;
        }

        _remediated.Add(key);
        var agent = GrainFactory.GetGrain<IAgentGrain>(Agent);
        AgentStatus status;
        try
        {
            status = await agent.GetStatusAsync();
        }
        catch (NotFoundException)
        {
            return;
        }

        if (!status.Enabled || status.Lifecycle == AgentLifecycle.Stopped)
        {
            return;
        }

        var catalog = GrainFactory.GetGrain<IRunbookCatalogGrain>(IRunbookCatalogGrain.Key);
        var runbook = (await catalog.ListAsync())
            .Select(d => ParseOrNull(d.Yaml))
            .OfType<Runbook>()
            .Where(r => r.IncidentTypes.Contains(type.Type))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        var incidentGrain = GrainFactory.GetGrain<IIncidentGrain>(incident.Id);
        if (runbook is null)
        {
            await incidentGrain.NoteAsync(Actor, "runbook", $"no runbook is bound to incident type '{type.Type}'");
            return;
        }

        if (status.AutomationLevel == AutomationLevel.Manual)
        {
            await incidentGrain.NoteAsync(Actor, "runbook",
                $"suggested: runbook '{runbook.Id}' ({runbook.Name}) fixes '{type.Type}'; the agent is in manual mode, so run it with POST /api/runbooks/{runbook.Id}/execute");
            return;
        }

        // Deterministic id: a second analysis (or a restart) finds the same execution instead of starting another.
        var labels = incident.Alerts.Where(a => a.ResourceId is not null).Select(a => a.ResourceId!).Distinct(StringComparer.Ordinal)
            .Select((r, i) => KeyValuePair.Create($"resource.{i}", r)).ToImmutableDictionary(StringComparer.Ordinal);
        await GrainFactory.GetGrain<IRunbookExecutionGrain>($"rbx-{incident.Id}-{runbook.Id}").StartAsync(
            new RunbookExecutionRequest(runbook.Id, incident.Id, type.Type, labels, Actor));
    }

    private static Runbook? ParseOrNull(string yaml)
    {
        try
        {
            return RunbookParser.Parse(yaml);
        }
        catch (ValidationException)
        {
            // The catalog only stores valid runbooks; one that no longer parses is skipped, not fatal.
            return null;
        }
    }

    private string Title(IReadOnlyList<AlertFacts> alerts, AIOps.Abstractions.Incidents.RootCauseCandidate top, IncidentClassification? type)
    {
        var where = _names.GetValueOrDefault(top.ResourceId) ?? top.ResourceId;
        if (type is { Type: not IncidentClassifier.Unknown } known)
        {
            return $"{char.ToUpperInvariant(known.Type[0])}{known.Type[1..].Replace('-', ' ')} on {top.Kind ?? "resource"} {where} ({alerts.Count} alert{(alerts.Count == 1 ? "" : "s")})";
        }

        var names = alerts.Select(a => a.Name).Distinct(StringComparer.Ordinal).ToList();
        var what = names.Count == 1 ? names[0] : $"{names[0]} and {names.Count - 1} more alert type{(names.Count > 2 ? "s" : "")}";
        return $"{what}: likely cause {top.Kind ?? "resource"} {where}";
    }

    private async Task ApplyAsync(IReadOnlyList<CorrelationEffect> effects)
    {
        if (effects.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var byIncident = effects.GroupBy(e => e.IncidentId, StringComparer.Ordinal).ToList();
        await Task.WhenAll(byIncident.Select(async group =>
        {
            try
            {
                await ApplyAsync(GrainFactory.GetGrain<IIncidentGrain>(group.Key), group.ToList());
            }
            catch (AIOpsException e)
            {
                // E.g. a person closed the incident: the correlator does not fight them.
                LogApplyFailed(logger, e, group.Key);
            }
        }));

        foreach (var group in byIncident)
        {
            _dirty[group.Key] = now;
        }
    }

    /// <summary>
    /// Applies one incident's effects of a batch as few changes as possible: open (or reopen) first, then every alert's
    /// latest state in one change (joined, fired again or resolved: one journal event, one push), then resolve if the
    /// batch ended with its last alert resolved.
    /// </summary>
    private async Task ApplyAsync(IIncidentGrain incident, List<CorrelationEffect> effects)
    {
        var open = effects.OfType<IncidentToOpen>().FirstOrDefault();
        var structural = effects.LastOrDefault(e => e is IncidentToResolve or IncidentToReopen);
        var alerts = new Dictionary<string, IncidentAlert>(StringComparer.Ordinal);
        var order = new List<string>();
        void Put(IncidentAlert alert)
        {
            if (!alerts.ContainsKey(alert.Key))
            {
                order.Add(alert.Key);
            }

            alerts[alert.Key] = alerts.TryGetValue(alert.Key, out var earlier) ? alert with { Reason = earlier.Reason } : alert;
        }

        foreach (var effect in effects)
        {
            switch (effect)
            {
                case AlertsJoined joined:
                    for (var i = 0; i < joined.Alerts.Length; i++)
                    {
                        Put(ToIncidentAlert(joined.Alerts[i], joined.Reasons[i]) with { EndsAt = null });
                    }

                    break;
                case IncidentToReopen reopen:
                    Put(ToIncidentAlert(reopen.Alert, "fired again") with { EndsAt = null });
                    break;
                case AlertsResolved resolved:
                    foreach (var key in resolved.AlertKeys)
                    {
                        Put(Cleared(key, resolved.At, alerts.GetValueOrDefault(key)));
                    }

                    break;
                case IncidentToResolve resolve:
                    foreach (var (facts, _) in _correlator.AlertsOf(resolve.IncidentId).Where(a => !a.Firing))
                    {
                        var key = AlertKey.Of(facts.Source, facts.Fingerprint);
                        if (!alerts.TryGetValue(key, out var known) || known.EndsAt is null)
                        {
                            Put(ToIncidentAlert(facts, "resolved") with { EndsAt = facts.EndsAt ?? resolve.At });
                        }
                    }

                    break;
            }
        }

        if (open is not null)
        {
            var first = open.Alerts[0];
            var team = open.Resources.Select(r => _teams.GetValueOrDefault(r)).FirstOrDefault(t => t is not null);
            var initial = open.Alerts.Select((a, i) => ToIncidentAlert(a, i == 0 ? "first alert" : "opened together")).ToImmutableArray();
            try
            {
                await incident.OpenAsync(new NewIncident(
                    $"{first.Name} on {(first.ResourceId is { } r ? _names.GetValueOrDefault(r) ?? r : first.Source)}",
                    first.Summary,
                    open.Alerts.Max(a => a.Severity),
                    open.Resources,
                    open.DetectedAt,
                    Actor)
                {
                    Team = team,
                    Alerts = initial,
                    LinkedTo = open.LinkedTo,
                });
            }
            catch (ConflictException)
            {
                // Opened before a restart with the same derived id: the alerts join it.
                foreach (var alert in initial)
                {
                    Put(alert);
                }
            }
        }

        if (structural is IncidentToReopen reopened)
        {
            var state = await incident.GetAsync();
            if (state.Status == IncidentStatus.Resolved)
            {
                await incident.ReopenAsync(Actor, $"{reopened.Alert.Name} fired again{(reopened.Alert.ResourceId is { } res ? " on " + res : "")}");
            }
        }

        if (alerts.Count > 0)
        {
            await incident.AttachAlertsAsync(Actor, [.. order.Select(k => alerts[k])]);
        }

        var flaps = effects.OfType<AlertFlapping>().ToList();
        if (flaps.Count > 0)
        {
            var started = flaps.Where(f => f.Flapping).Select(f => $"{f.AlertKey} ({f.Transitions} state changes)").ToList();
            var settled = flaps.Where(f => !f.Flapping).Select(f => f.AlertKey).ToList();
            var text = string.Join("; ", new[]
            {
                started.Count == 0 ? null : $"flapping within {options.Value.FlapWindow.TotalMinutes:0} min, the incident stays open until they settle: {string.Join(", ", started)}",
                settled.Count == 0 ? null : $"settled: {string.Join(", ", settled)}",
            }.OfType<string>());
            await incident.NoteAsync(Actor, "flapping", text.Length <= 4000 ? text : text[..3997] + "...");
        }

        if (structural is IncidentToResolve resolve2)
        {
            var current = await incident.GetAsync();
            if (current.Status is IncidentStatus.Open or IncidentStatus.Investigating)
            {
                await incident.ResolveAsync(Actor, [$"all {current.Alerts.Length} alert(s) resolved by {resolve2.At:u}"], automated: true);
            }
        }
    }

    private IncidentAlert Cleared(string key, DateTimeOffset at, IncidentAlert? known)
    {
        if (known is not null)
        {
            return known with { EndsAt = at };
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var facts = _correlator.FactsOf(key);
        return facts is null
            ? new IncidentAlert(key, key[..slash], key, null, Severity.Medium, "", at, at, "resolved")
            : ToIncidentAlert(facts, "resolved") with { EndsAt = at };
    }

    private static IncidentAlert ToIncidentAlert(AlertFacts alert, string reason) =>
        new(AlertKey.Of(alert.Source, alert.Fingerprint), alert.Source, alert.Name, alert.ResourceId, alert.Severity, alert.Summary, alert.StartsAt, alert.EndsAt, reason);

    private async Task RestoreAsync()
    {
        var index = GrainFactory.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key);
        var incidents = new List<Incident>();
        foreach (var status in new[] { IncidentStatus.Open, IncidentStatus.Investigating, IncidentStatus.Resolved })
        {
            var page = await index.QueryAsync(new IncidentQuery(status, Limit: 500));
            foreach (var summary in page.Items)
            {
                if (status == IncidentStatus.Resolved && clock.GetUtcNow() - summary.UpdatedAt > options.Value.ReopenWindow)
                {
                    continue;
                }

                var incident = await GrainFactory.GetGrain<IIncidentGrain>(summary.Id).GetAsync();
                if (!incident.Alerts.IsDefaultOrEmpty)
                {
                    incidents.Add(incident);
                }
            }
        }

        // The incidents hold their alerts without labels; the alert store has them (label similarity needs them).
        var labels = new Dictionary<(string, string), ImmutableDictionary<string, string>>();
        if (services.GetService<IAlertStore>() is { } store)
        {
            foreach (var chunk in incidents.SelectMany(i => i.Alerts).Select(KeyOf).Distinct().Chunk(1000))
            {
                foreach (var stored in await store.GetAsync(chunk))
                {
                    labels[(stored.Source, stored.Fingerprint)] = stored.Labels;
                }
            }
        }

        foreach (var incident in incidents)
        {
            _correlator.Restore(
                incident.Id,
                incident.Alerts.Select(a => (ToFacts(a, labels.GetValueOrDefault(KeyOf(a))), a.EndsAt is null)),
                incident.Status == IncidentStatus.Resolved,
                incident.UpdatedAt,
                incident.ResolvedAt);
        }

        if (incidents.Count > 0)
        {
            LogRestored(logger, incidents.Count, labels.Count);
        }
    }

    private static (string Source, string Fingerprint) KeyOf(IncidentAlert alert)
    {
        var slash = alert.Key.IndexOf('/', StringComparison.Ordinal);
        return (alert.Source, slash >= 0 ? alert.Key[(slash + 1)..] : alert.Key);
    }

    private static AlertFacts ToFacts(IncidentAlert alert, ImmutableDictionary<string, string>? labels) =>
        new(alert.Source, KeyOf(alert).Fingerprint, alert.Name, labels ?? ImmutableDictionary<string, string>.Empty, alert.Summary, alert.Severity, alert.ResourceId, null, alert.StartsAt, alert.EndsAt);

    private async Task LoadTopologyAsync(IEnumerable<string> resourceIds)
    {
        var now = clock.GetUtcNow();
        var frontier = resourceIds.Where(id => !_loadedAt.TryGetValue(id, out var at) || now - at > TopologyTtl).Distinct(StringComparer.Ordinal).ToList();
        if (frontier.Count == 0)
        {
            return;
        }

        var requested = frontier.ToHashSet(StringComparer.Ordinal);

        var seen = new HashSet<string>(frontier, StringComparer.Ordinal);
        var edges = new List<AIOps.Abstractions.Resources.ResourceEdge>();
        for (var hop = 0; hop < options.Value.MaxHops && frontier.Count > 0; hop++)
        {
            var found = await graph.GetEdgesAsync(frontier);
            edges.AddRange(found);
            frontier = [.. found.SelectMany(e => new[] { e.From, e.To }).Where(seen.Add)];
        }

        var summaries = await catalog.GetManyAsync(seen);
        foreach (var summary in summaries)
        {
            _teams[summary.Id] = summary.Team;
            _names[summary.Id] = $"{summary.Name}";
        }

        var kinds = summaries.ToDictionary(s => s.Id, s => s, StringComparer.Ordinal);
        foreach (var id in seen)
        {
            var summary = kinds.GetValueOrDefault(id);
            var dependencies = edges.Where(e => e.From == id).Select(e => e.To).ToList();
            if (summary is null && dependencies.Count == 0 && _topology.KindOf(id) is not null)
            {
                continue;
            }

            // Resources at the edge of what was read keep the dependencies known before; the ones asked for are complete.
            _topology.Upsert(id, summary?.Kind ?? _topology.KindOf(id) ?? "unknown",
                requested.Contains(id) ? dependencies : dependencies.Union(_topology.DependenciesOf(id), StringComparer.Ordinal), summary?.Environment);
            if (requested.Contains(id))
            {
                _loadedAt[id] = now;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply a correlation decision to incident {IncidentId}")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, string incidentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysing incident {IncidentId} ({Alerts} alerts) was slow: {ElapsedMs} ms")]
    private static partial void LogSlowAnalysis(ILogger logger, string incidentId, int alerts, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Correlating {Signals} signals ({Effects} effects) was slow: topology {TopologyMs} ms, correlation {CorrelateMs} ms, incidents {ApplyMs} ms")]
    private static partial void LogSlow(ILogger logger, int signals, int effects, long topologyMs, long correlateMs, long applyMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Correlator restored {Count} incidents with their alerts ({Labelled} with labels from the alert store)")]
    private static partial void LogRestored(ILogger logger, int count, int labelled);
}
