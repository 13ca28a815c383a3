namespace AIOps.Abstractions.Resources;

/// <summary>One page of the resource catalog.</summary>
/// <param name="Items">The resources on this page, ordered by id.</param>
/// <param name="Total">How many resources match the filter in all.</param>
/// <param name="Offset">Offset of the first item.</param>
/// <param name="Limit">Page size asked for.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.resource-page")]
public sealed record ResourcePage(
    [property: Id(0)] IReadOnlyList<ResourceSummary> Items,
    [property: Id(1)] int Total,
    [property: Id(2)] int Offset,
    [property: Id(3)] int Limit);
