namespace AIOps.Abstractions.Incidents;

/// <summary>One page of the incident listing.</summary>
/// <param name="Items">The incidents on this page.</param>
/// <param name="Total">How many incidents match the filter in all.</param>
/// <param name="Offset">Offset of the first item.</param>
/// <param name="Limit">Page size asked for.</param>
[GenerateSerializer, Immutable, Alias("aiops.incident-page")]
public sealed record IncidentPage(
    [property: Id(0)] IReadOnlyList<IncidentSummary> Items,
    [property: Id(1)] int Total,
    [property: Id(2)] int Offset,
    [property: Id(3)] int Limit);
