using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Live;
using AIOps.Grains.Catalog;
using AIOps.Grains.Journal;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;

namespace AIOps.Grains.Incidents;

/// <summary>An incident whose journal rows are its timeline and its state.</summary>
[LogConsistencyProvider(ProviderName = StorageNames.Journal)]
public sealed class IncidentGrain(IEventJournal journal, TimeProvider clock)
    : JournaledEntityGrain<IncidentState, IncidentEvent>(journal), IIncidentGrain
{
    /// <summary>The incidents' grain type in the journal.</summary>
    public const string Kind = "incident";

    /// <inheritdoc />
    protected override string JournalType => Kind;

    /// <inheritdoc />
    public async Task<Incident> OpenAsync(NewIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (State.Exists)
        {
            throw new ConflictException($"incident '{Id}' exists already.");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(incident.Title))
        {
            errors["title"] = ["is required"];
        }
        else if (incident.Title.Length > 500)
        {
            errors["title"] = ["must be at most 500 characters"];
        }

        if (incident.Team is { Length: > TeamNames.MaxLength })
        {
            errors["team"] = [$"must be at most {TeamNames.MaxLength} characters"];
        }

        if (!Enum.IsDefined(incident.Severity))
        {
            errors["severity"] = ["must be low, medium, high or critical"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var now = clock.GetUtcNow();
        var alerts = incident.Alerts.IsDefault ? [] : incident.Alerts;
        var affected = (incident.AffectedResources.IsDefault ? [] : incident.AffectedResources)
            .Concat(alerts.Select(a => a.ResourceId).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        await RaiseAndConfirmAsync(new IncidentOpened(
            Actor(incident.OpenedBy), now, incident.Title.Trim(), incident.Description ?? "", incident.Severity, affected, incident.DetectedAt ?? now)
        {
            Team = TeamNames.Normalize(incident.Team),
            Alerts = alerts,
            LinkedTo = incident.LinkedTo,
        });
        return await PublishAsync();
    }

    /// <inheritdoc />
    public Task<Incident> GetAsync() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync()
    {
        EnsureExists();
        return await ReadTimelineAsync();
    }

    /// <inheritdoc />
    public Task<Incident> InvestigateAsync(string actor) => ChangeStatusAsync(actor, IncidentStatus.Investigating, null);

    /// <inheritdoc />
    public async Task<Incident> ResolveAsync(string actor, ImmutableArray<string> steps, bool automated)
    {
        EnsureExists();
        IncidentLifecycle.Ensure(Id, State.Status, IncidentStatus.Resolved);
        var cleaned = steps.IsDefault ? [] : steps.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToImmutableArray();
        await RaiseAndConfirmAsync(new IncidentResolved(Actor(actor), clock.GetUtcNow(), cleaned, automated));
        return await PublishAsync();
    }

    /// <inheritdoc />
    public Task<Incident> CloseAsync(string actor, string? reason) => ChangeStatusAsync(actor, IncidentStatus.Closed, reason);

    /// <inheritdoc />
    public Task<Incident> ReopenAsync(string actor, string reason) => ChangeStatusAsync(actor, IncidentStatus.Open, reason);

    /// <inheritdoc />
    public async Task<Incident> NoteAsync(string actor, string kind, string text)
    {
        EnsureExists();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(kind) || kind.Length > 64)
        {
            errors["kind"] = ["is required, at most 64 characters"];
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
        {
            errors["text"] = ["is required, at most 4000 characters"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        await RaiseAndConfirmAsync(new IncidentNoted(Actor(actor), clock.GetUtcNow(), kind.Trim(), text.Trim()));
        return await PublishAsync();
    }

    /// <inheritdoc />
    public async Task<Incident> AttachAlertsAsync(string actor, ImmutableArray<IncidentAlert> alerts)
    {
        EnsureExists();
        // Only what differs from the alert as the incident holds it (its join reason stays the first one).
        var held = new Dictionary<string, IncidentAlert>(State.Alerts.Length, StringComparer.Ordinal);
        foreach (var alert in State.Alerts)
        {
            held.TryAdd(alert.Key, alert);
        }

        var changed = (alerts.IsDefault ? [] : alerts)
            .Where(a => a is not null && !(held.TryGetValue(a.Key, out var known) && known == a with { Reason = known.Reason }))
            .ToImmutableArray();
        if (changed.IsEmpty)
        {
            return Snapshot();
        }

        await RaiseAndConfirmAsync(new IncidentAlertsAttached(Actor(actor), clock.GetUtcNow(), changed));
        return await PublishAsync();
    }

    /// <inheritdoc />
    public async Task<Incident> RecordAnalysisAsync(string actor, IncidentAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        EnsureExists();
        if (IncidentAnalysisDiff.SameAs(State, analysis))
        {
            return Snapshot();
        }

        await RaiseAndConfirmAsync(new IncidentAnalyzed(Actor(actor), clock.GetUtcNow(), analysis));
        return await PublishAsync();
    }

    /// <inheritdoc />
    public async Task<Incident> AddAffectedResourcesAsync(string actor, ImmutableArray<string> resourceIds)
    {
        EnsureExists();
        var added = (resourceIds.IsDefault ? [] : resourceIds)
            .Where(id => !string.IsNullOrWhiteSpace(id) && !State.AffectedResources.Contains(id))
            .Distinct()
            .ToImmutableArray();
        if (added.IsEmpty)
        {
            return Snapshot();
        }

        await RaiseAndConfirmAsync(new IncidentResourcesAffected(Actor(actor), clock.GetUtcNow(), added));
        return await PublishAsync();
    }

    /// <inheritdoc />
    protected override void TransitionState(IncidentState state, IncidentEvent @event) => state.Apply(@event);

    /// <inheritdoc />
    protected override string Describe(IncidentEvent e) => e switch
    {
        IncidentOpened o => $"Opened ({IncidentLifecycle.Wire(IncidentStatus.Open)}, {o.Severity.ToString().ToLowerInvariant()}): {o.Title}",
        IncidentStatusChanged s => $"Status {IncidentLifecycle.Wire(s.From)} → {IncidentLifecycle.Wire(s.To)}" + (s.Reason is null ? "" : $": {s.Reason}"),
        IncidentResolved r => (r.Automated ? "Resolved automatically" : "Resolved") + (r.Steps.IsDefaultOrEmpty ? "" : $": {string.Join("; ", r.Steps)}"),
        IncidentResourcesAffected a => $"Affected resources added: {string.Join(", ", a.ResourceIds)}",
        IncidentNoted n => $"{n.Kind}: {n.Text}",
        IncidentAlertsAttached a => DescribeAlerts(a.Alerts),
        IncidentAlertsCleared c => $"{c.AlertKeys.Length} alert(s) resolved",
        IncidentAnalyzed a => IncidentAnalysisDiff.Describe(a.Analysis),
        _ => e.GetType().Name,
    };

    private string Id => this.GetPrimaryKeyString();

    private static string On(string? resource) => resource is null ? "" : " on " + resource;

    private static string DescribeAlerts(ImmutableArray<IncidentAlert> alerts)
    {
        if (alerts.Length == 1)
        {
            var alert = alerts[0];
            return alert.EndsAt is null ? $"Alert {alert.Name}{On(alert.ResourceId)} firing ({alert.Reason})" : $"Alert {alert.Name}{On(alert.ResourceId)} resolved";
        }

        var firing = alerts.Where(x => x.EndsAt is null).ToList();
        var resolved = alerts.Where(x => x.EndsAt is not null).ToList();
        var parts = new List<string>();
        if (firing.Count > 0)
        {
            parts.Add($"{firing.Count} firing: {string.Join(", ", firing.Take(10).Select(x => x.Name + On(x.ResourceId)))}{(firing.Count > 10 ? ", ..." : "")}");
        }

        if (resolved.Count > 0)
        {
            parts.Add($"{resolved.Count} resolved: {string.Join(", ", resolved.Take(10).Select(x => x.Name + On(x.ResourceId)))}{(resolved.Count > 10 ? ", ..." : "")}");
        }

        return "Alerts " + string.Join("; ", parts);
    }

    private static string Actor(string? actor) => string.IsNullOrWhiteSpace(actor) ? "system" : actor.Trim();

    private async Task<Incident> ChangeStatusAsync(string actor, IncidentStatus to, string? reason)
    {
        EnsureExists();
        IncidentLifecycle.Ensure(Id, State.Status, to);
        await RaiseAndConfirmAsync(new IncidentStatusChanged(Actor(actor), clock.GetUtcNow(), State.Status, to, reason));
        return await PublishAsync();
    }

    private async Task<Incident> PublishAsync()
    {
        var incident = Snapshot();
        await GrainFactory.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key).PutAsync(SummaryOf(incident));
        await GrainFactory.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key).PublishAsync(new LiveUpdate(LiveKinds.Incident, Id, incident.UpdatedAt, Incident: incident));
        return incident;
    }

    /// <summary>How the incident is listed.</summary>
    internal static IncidentSummary SummaryOf(Incident incident) => new(
        incident.Id, incident.Title, incident.Severity, incident.Status, incident.AffectedResources.Length, incident.DetectedAt, incident.UpdatedAt)
    {
        Team = incident.Team,
        Resources = incident.AffectedResources.IsDefault ? [] : incident.AffectedResources,
    };

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw new NotFoundException("incident", Id);
        }
    }

    private Incident Snapshot()
    {
        EnsureExists();
        return new Incident(
            Id, State.Title, State.Description, State.Severity, State.Status, State.AffectedResources, State.DetectedAt,
            State.ResolvedAt, State.ResolutionSteps, State.AutomatedResolution, Version, State.UpdatedAt)
        {
            Team = State.Team,
            Alerts = State.Alerts,
            Classification = State.Classification,
            RootCauses = State.RootCauses,
            SeverityReasons = State.SeverityReasons,
            LinkedIncidents = State.LinkedIncidents,
        };
    }
}
