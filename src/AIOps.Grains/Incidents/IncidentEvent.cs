using System.Collections.Immutable;
using System.Text.Json.Serialization;
using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;
using AIOps.Grains.Journal;

namespace AIOps.Grains.Incidents;

/// <summary>An incident journal event. Discriminators are stored in the journal: never rename one.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(IncidentOpened), "opened")]
[JsonDerivedType(typeof(IncidentStatusChanged), "status-changed")]
[JsonDerivedType(typeof(IncidentResolved), "resolved")]
[JsonDerivedType(typeof(IncidentResourcesAffected), "resources-affected")]
[JsonDerivedType(typeof(IncidentNoted), "noted")]
[JsonDerivedType(typeof(IncidentAlertsAttached), "alerts-attached")]
[JsonDerivedType(typeof(IncidentAlertsCleared), "alerts-cleared")]
[JsonDerivedType(typeof(IncidentAnalyzed), "analyzed")]
[GenerateSerializer, Alias("aiops.incident-event")]
public abstract record IncidentEvent([property: Id(0)] string Actor, [property: Id(1)] DateTimeOffset At) : IJournalEvent;

/// <summary>The incident was detected and opened.</summary>
[GenerateSerializer, Alias("aiops.incident-event.opened")]
public sealed record IncidentOpened(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] string Title,
    [property: Id(1)] string Description,
    [property: Id(2)] Severity Severity,
    [property: Id(3)] ImmutableArray<string> AffectedResources,
    [property: Id(4)] DateTimeOffset DetectedAt) : IncidentEvent(Actor, At)
{
    /// <summary>The owning team, or null; journals written before teams existed read as null.</summary>
    [Id(5)]
    public string? Team { get; init; }

    /// <summary>The alerts it opened with.</summary>
    [Id(6)]
    public ImmutableArray<IncidentAlert> Alerts { get; init; } = [];

    /// <summary>An earlier incident it recurs.</summary>
    [Id(7)]
    public string? LinkedTo { get; init; }
}

/// <summary>The status changed (investigate, close, reopen); resolution has its own event.</summary>
[GenerateSerializer, Alias("aiops.incident-event.status")]
public sealed record IncidentStatusChanged(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] IncidentStatus From,
    [property: Id(1)] IncidentStatus To,
    [property: Id(2)] string? Reason) : IncidentEvent(Actor, At);

/// <summary>The incident was resolved with these steps.</summary>
[GenerateSerializer, Alias("aiops.incident-event.resolved")]
public sealed record IncidentResolved(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] ImmutableArray<string> Steps,
    [property: Id(1)] bool Automated) : IncidentEvent(Actor, At);

/// <summary>More resources turned out to be affected.</summary>
[GenerateSerializer, Alias("aiops.incident-event.affected")]
public sealed record IncidentResourcesAffected(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] ImmutableArray<string> ResourceIds) : IncidentEvent(Actor, At);

/// <summary>A note on the timeline: a runbook step, a finding, a comment.</summary>
[GenerateSerializer, Alias("aiops.incident-event.noted")]
public sealed record IncidentNoted(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] string Kind,
    [property: Id(1)] string Text) : IncidentEvent(Actor, At);

/// <summary>Alerts joined the incident or fired again.</summary>
[GenerateSerializer, Alias("aiops.incident-event.alerts-attached")]
public sealed record IncidentAlertsAttached(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] ImmutableArray<IncidentAlert> Alerts) : IncidentEvent(Actor, At);

/// <summary>Alerts of the incident resolved. Written by earlier versions (resolutions now travel in <see cref="IncidentAlertsAttached"/>); replayed, never renamed.</summary>
[GenerateSerializer, Alias("aiops.incident-event.alerts-cleared")]
public sealed record IncidentAlertsCleared(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] ImmutableArray<string> AlertKeys,
    [property: Id(1)] DateTimeOffset EndedAt) : IncidentEvent(Actor, At);

/// <summary>The agent's analysis: type, severity from impact, root-cause candidates.</summary>
[GenerateSerializer, Alias("aiops.incident-event.analyzed")]
public sealed record IncidentAnalyzed(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] IncidentAnalysis Analysis) : IncidentEvent(Actor, At);
