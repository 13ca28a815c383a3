using System.Collections.Immutable;

namespace AIOps.Abstractions.Incidents;

/// <summary>An incident as its journal replays to.</summary>
/// <param name="Id">Incident id, also the grain key.</param>
/// <param name="Title">One-line summary.</param>
/// <param name="Description">What is known.</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Status">Open, investigating, resolved or closed.</param>
/// <param name="AffectedResources">Ids of the managed resources it touches.</param>
/// <param name="DetectedAt">When it was detected.</param>
/// <param name="ResolvedAt">When it was last resolved, if it is resolved or closed.</param>
/// <param name="ResolutionSteps">What was done to resolve it, in order.</param>
/// <param name="AutomatedResolution">True when an agent resolved it without a person.</param>
/// <param name="Version">Number of journal events applied.</param>
/// <param name="UpdatedAt">When the last event was recorded.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.incident")]
public sealed record Incident(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Description,
    [property: Id(3)] Severity Severity,
    [property: Id(4)] IncidentStatus Status,
    [property: Id(5)] ImmutableArray<string> AffectedResources,
    [property: Id(6)] DateTimeOffset DetectedAt,
    [property: Id(7)] DateTimeOffset? ResolvedAt,
    [property: Id(8)] ImmutableArray<string> ResolutionSteps,
    [property: Id(9)] bool AutomatedResolution,
    [property: Id(10)] int Version,
    [property: Id(11)] DateTimeOffset UpdatedAt)
{
    /// <summary>The owning team (lower-cased), or null.</summary>
    [Id(12)]
    public string? Team { get; init; }

    /// <summary>The alerts correlated into it, in the order they joined.</summary>
    [Id(13)]
    public ImmutableArray<IncidentAlert> Alerts { get; init; } = [];

    /// <summary>Its type, once classified.</summary>
    [Id(14)]
    public IncidentClassification? Classification { get; init; }

    /// <summary>Ranked root-cause candidates with evidence, once analysed.</summary>
    [Id(15)]
    public ImmutableArray<RootCauseCandidate> RootCauses { get; init; } = [];

    /// <summary>Why it has its severity, once assessed from impact.</summary>
    [Id(16)]
    public ImmutableArray<string> SeverityReasons { get; init; } = [];

    /// <summary>Earlier incidents this one recurs (the same alerts fired again after the reopen window).</summary>
    [Id(17)]
    public ImmutableArray<string> LinkedIncidents { get; init; } = [];
}
