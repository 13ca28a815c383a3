using System.Collections.Immutable;

namespace AIOps.Abstractions.Incidents;

/// <summary>One incident, event-sourced: its journal is its timeline. Keyed by incident id.</summary>
[Alias("aiops.incident")]
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>Opens the incident; <see cref="ConflictException"/> if it exists already.</summary>
    [Alias("open")] Task<Incident> OpenAsync(NewIncident incident);

    /// <summary>The incident, or <see cref="NotFoundException"/>.</summary>
    [Alias("get")] Task<Incident> GetAsync();

    /// <summary>The incident's journal, oldest first.</summary>
    [Alias("timeline")] Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync();

    /// <summary>Someone (or an agent) starts working on it: open → investigating.</summary>
    [Alias("investigate")] Task<Incident> InvestigateAsync(string actor);

    /// <summary>Marks it resolved with the steps taken.</summary>
    [Alias("resolve")] Task<Incident> ResolveAsync(string actor, ImmutableArray<string> steps, bool automated);

    /// <summary>Closes it for good.</summary>
    [Alias("close")] Task<Incident> CloseAsync(string actor, string? reason);

    /// <summary>Reopens a resolved incident (the fault came back).</summary>
    [Alias("reopen")] Task<Incident> ReopenAsync(string actor, string reason);

    /// <summary>Records a note on the timeline, e.g. a runbook step and its outcome.</summary>
    /// <param name="actor">Who writes it, e.g. <c>agent:incident-response</c>.</param>
    /// <param name="kind">What it is about: <c>runbook</c>, <c>classification</c>, <c>note</c>...</param>
    /// <param name="text">The note.</param>
    [Alias("note")] Task<Incident> NoteAsync(string actor, string kind, string text);

    /// <summary>Alerts joined the incident (or fired again); their resources become affected. Alerts it holds already are updated.</summary>
    [Alias("attach-alerts")] Task<Incident> AttachAlertsAsync(string actor, ImmutableArray<IncidentAlert> alerts);

    /// <summary>Records the agent's analysis: type, severity from impact, root-cause candidates.</summary>
    [Alias("analysis")] Task<Incident> RecordAnalysisAsync(string actor, IncidentAnalysis analysis);

    /// <summary>Adds resources to the affected set; ids already there are ignored.</summary>
    [Alias("affect")] Task<Incident> AddAffectedResourcesAsync(string actor, ImmutableArray<string> resourceIds);
}
