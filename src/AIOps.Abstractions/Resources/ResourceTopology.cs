using System.Collections.Immutable;

namespace AIOps.Abstractions.Resources;

/// <summary>Part of the resource graph: resources (from the catalog) and the dependencies between them.</summary>
/// <param name="Nodes">The resources, in id order.</param>
/// <param name="Edges">Dependencies whose both ends are among <see cref="Nodes"/>.</param>
/// <param name="Truncated">True when the walk stopped at its node limit: there is more beyond.</param>
/// <param name="Total">For a graph page: how many resources match the filter in all; for a neighbourhood: the node count.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.resource-topology")]
public sealed record ResourceTopology(
    [property: Id(0)] ImmutableArray<ResourceSummary> Nodes,
    [property: Id(1)] ImmutableArray<ResourceEdge> Edges,
    [property: Id(2)] bool Truncated,
    [property: Id(3)] int Total);
