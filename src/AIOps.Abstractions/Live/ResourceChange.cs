using System.Text.Json.Serialization;
using AIOps.Abstractions.Resources;

namespace AIOps.Abstractions.Live;

/// <summary>
/// A managed resource as the live feed pushes it: what changes in a dashboard's resource list (health, cost), not
/// provider, kind, tags or desired and observed state, which a client reads from <c>GET /api/resources/{id}</c> when
/// it meets a resource it does not know yet or needs more. Kept small because resources change far more often than
/// incidents, and every byte is sent to every client: on the wire it is about 120 bytes of JSON.
/// </summary>
/// <param name="Id">Resource id (e.g. <c>aws:ec2:eu-west-1:i-0abc</c>).</param>
/// <param name="Name">Its name at the provider.</param>
/// <param name="Health">Health as last observed.</param>
/// <param name="CostPerHour">What it costs per hour.</param>
/// <param name="Version">The resource's version after the change; increases with every stored change.</param>
/// <param name="At">When it changed.</param>
/// <param name="Deleted">True when the resource is no longer managed; the other fields are its last known values. Left out of the JSON when false.</param>
/// <param name="Team">The owning team (tag <c>team</c>, lower-cased), which decides which team-scoped clients get it; left out when none.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.resource-change")]
public sealed record ResourceChange(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ResourceHealth Health,
    [property: Id(3)] decimal CostPerHour,
    [property: Id(4)] long Version,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Deleted = false,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Team = null)
{
    /// <summary>The change for <paramref name="resource"/> as it is now.</summary>
    public static ResourceChange Of(ManagedResource resource, bool deleted = false)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var team = resource.Tags.TryGetValue("team", out var tag) && !string.IsNullOrWhiteSpace(tag) ? tag.Trim().ToLowerInvariant() : null;
        return new ResourceChange(resource.Id, resource.Name, resource.Health, resource.CostPerHour, resource.Version, resource.UpdatedAt, deleted, team);
    }
}
