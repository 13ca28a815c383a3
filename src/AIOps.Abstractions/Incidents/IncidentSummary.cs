namespace AIOps.Abstractions.Incidents;

/// <summary>The listing fields of an incident, kept by <see cref="IIncidentIndexGrain"/>.</summary>
/// <param name="Id">Incident id.</param>
/// <param name="Title">One-line summary.</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Status">Life-cycle state.</param>
/// <param name="AffectedResourceCount">How many resources it touches.</param>
/// <param name="DetectedAt">When it was detected.</param>
/// <param name="UpdatedAt">When it last changed.</param>
[GenerateSerializer, Immutable, Alias("aiops.incident-summary")]
public sealed record IncidentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] Severity Severity,
    [property: Id(3)] IncidentStatus Status,
    [property: Id(4)] int AffectedResourceCount,
    [property: Id(5)] DateTimeOffset DetectedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt)
{
    /// <summary>The owning team (lower-cased), or null.</summary>
    [Id(7)]
    public string? Team { get; init; }

    /// <summary>
    /// The affected resources, so the listing can answer "which incidents touch this resource" without activating
    /// incidents (and so the index's stored state keeps them across restarts).
    /// </summary>
    [Id(8)]
    public System.Collections.Immutable.ImmutableArray<string> Resources { get; init; } = [];
}
