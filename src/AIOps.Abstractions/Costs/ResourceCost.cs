namespace AIOps.Abstractions.Costs;

/// <summary>One resource and its run-rate, as listed among the most expensive.</summary>
/// <param name="Id">Resource id.</param>
/// <param name="Name">Its name at the provider.</param>
/// <param name="Provider">Where it lives.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Team">Owning team, if tagged.</param>
/// <param name="Environment">Environment, if tagged.</param>
/// <param name="Cost">Its run-rate.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.resource-cost")]
public sealed record ResourceCost(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Provider,
    [property: Id(3)] string Kind,
    [property: Id(4)] string? Team,
    [property: Id(5)] string? Environment,
    [property: Id(6)] CostRate Cost);
