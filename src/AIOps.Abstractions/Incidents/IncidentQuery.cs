using System.Collections.Immutable;

namespace AIOps.Abstractions.Incidents;

/// <summary>A filter and page over the incident listing; newest detected first.</summary>
/// <param name="Status">Only incidents in this state, if given.</param>
/// <param name="MinSeverity">Only incidents at least this severe, if given.</param>
/// <param name="Offset">How many matching incidents to skip.</param>
/// <param name="Limit">How many to return (1 to 500).</param>
[GenerateSerializer, Immutable, Alias("aiops.incident-query")]
public sealed record IncidentQuery(
    [property: Id(0)] IncidentStatus? Status = null,
    [property: Id(1)] Severity? MinSeverity = null,
    [property: Id(2)] int Offset = 0,
    [property: Id(3)] int Limit = 50)
{
    /// <summary>
    /// The caller's team scope: when set, only incidents of these teams or of no team are returned. Null means no
    /// scope (every incident); an empty set means only incidents without a team.
    /// </summary>
    [Id(4)]
    public ImmutableArray<string>? Teams { get; init; }

    /// <summary>Only incidents affecting this resource, if given.</summary>
    [Id(5)]
    public string? Resource { get; init; }
}
