namespace AIOps.Abstractions.Resources;

/// <summary>The listing fields of a managed resource, as the resource catalog keeps them.</summary>
/// <param name="Id">Resource id, also the grain key.</param>
/// <param name="Provider">Where it lives.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Name">Its name at the provider.</param>
/// <param name="Location">Region or cluster.</param>
/// <param name="Team">Owning team from the <c>team</c> tag, lower-cased; null when untagged.</param>
/// <param name="Environment">Environment from the <c>environment</c>, <c>env</c> or <c>stage</c> tag, normalised (<c>prod</c> → <c>production</c>); null when untagged.</param>
/// <param name="Health">Health as last observed.</param>
/// <param name="CostPerHour">What it costs per hour; 0 when no cost is known.</param>
/// <param name="UpdatedAt">When the listed fields last changed.</param>
/// <param name="Version">The resource's version when these fields were recorded; an older version never replaces a newer one.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.resource-summary")]
public sealed record ResourceSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Provider,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Name,
    [property: Id(4)] string Location,
    [property: Id(5)] string? Team,
    [property: Id(6)] string? Environment,
    [property: Id(7)] ResourceHealth Health,
    [property: Id(8)] decimal CostPerHour,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] long Version);
