using System.Collections.Immutable;

namespace AIOps.Abstractions.Resources;

/// <summary>A managed resource as the platform knows it.</summary>
/// <param name="Id">Resource id, also the grain key (e.g. <c>aws:ec2:eu-west-1:i-0abc</c>).</param>
/// <param name="Provider">Where it lives.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Name">Its name at the provider.</param>
/// <param name="Location">Region or cluster.</param>
/// <param name="Tags">Provider tags or labels.</param>
/// <param name="DesiredState">Declared configuration.</param>
/// <param name="ObservedState">Configuration as last observed.</param>
/// <param name="Dependencies">Ids of the resources this one depends on.</param>
/// <param name="CostPerHour">What it costs per hour.</param>
/// <param name="Health">Health as last observed.</param>
/// <param name="CreatedAt">When the platform first saw it.</param>
/// <param name="UpdatedAt">When anything about it last changed.</param>
/// <param name="ObservedAt">When it was last observed, if ever.</param>
/// <param name="Version">Increases with every stored change.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.resource")]
public sealed record ManagedResource(
    [property: Id(0)] string Id,
    [property: Id(1)] string Provider,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Name,
    [property: Id(4)] string Location,
    [property: Id(5)] ImmutableDictionary<string, string> Tags,
    [property: Id(6)] ImmutableDictionary<string, string> DesiredState,
    [property: Id(7)] ImmutableDictionary<string, string> ObservedState,
    [property: Id(8)] ImmutableArray<string> Dependencies,
    [property: Id(9)] decimal CostPerHour,
    [property: Id(10)] ResourceHealth Health,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset UpdatedAt,
    [property: Id(13)] DateTimeOffset? ObservedAt,
    [property: Id(14)] long Version)
{
    /// <summary>The inventory source that keeps this resource in step (e.g. <c>simulation</c>); null when managed by hand or API.</summary>
    [Id(15)]
    public string? Source { get; init; }

    /// <summary>True while its inventory source cannot be read: the resource is kept as last seen, not deleted.</summary>
    [Id(16)]
    public bool Stale { get; init; }
}
