using AIOps.Abstractions.Resources;

namespace AIOps.Abstractions.Live;

/// <summary>
/// A managed resource as the live feed pushes it: what a dashboard shows in a list (identity, health, cost), not the
/// tags and desired or observed state, which a client that needs them reads from <c>GET /api/resources/{id}</c>
/// when <see cref="Version"/> moves. Kept small because resources change far more often than incidents.
/// </summary>
/// <param name="Id">Resource id (e.g. <c>aws:ec2:eu-west-1:i-0abc</c>).</param>
/// <param name="Provider">Where it lives.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Name">Its name at the provider.</param>
/// <param name="Health">Health as last observed.</param>
/// <param name="CostPerHour">What it costs per hour.</param>
/// <param name="Version">The resource's version after the change; increases with every stored change.</param>
/// <param name="At">When it changed.</param>
/// <param name="Deleted">True when the resource is no longer managed; the other fields are its last known values.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.resource-change")]
public sealed record ResourceChange(
    [property: Id(0)] string Id,
    [property: Id(1)] string Provider,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Name,
    [property: Id(4)] ResourceHealth Health,
    [property: Id(5)] decimal CostPerHour,
    [property: Id(6)] long Version,
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] bool Deleted = false)
{
    /// <summary>The change for <paramref name="resource"/> as it is now.</summary>
    public static ResourceChange Of(ManagedResource resource, bool deleted = false)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new ResourceChange(resource.Id, resource.Provider, resource.Kind, resource.Name, resource.Health, resource.CostPerHour, resource.Version, resource.UpdatedAt, deleted);
    }
}
