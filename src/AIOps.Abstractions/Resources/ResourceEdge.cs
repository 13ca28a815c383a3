namespace AIOps.Abstractions.Resources;

/// <summary>A dependency: <see cref="From"/> depends on <see cref="To"/> (a pod on its node, a service on its deployment).</summary>
/// <param name="From">The dependent resource.</param>
/// <param name="To">The resource it depends on.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.resource-edge")]
public sealed record ResourceEdge([property: Id(0)] string From, [property: Id(1)] string To);
