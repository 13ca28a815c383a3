using System.Collections.Immutable;

namespace AIOps.Abstractions.Resources;

/// <summary>One managed resource. Keyed by resource id; it also consumes that resource's event stream.</summary>
[Alias("aiops.resource")]
public interface IResourceGrain : IGrainWithStringKey
{
    /// <summary>Creates the resource or updates its declared attributes; observed state is kept.</summary>
    [Alias("upsert")] Task<ManagedResource> UpsertAsync(ResourceSpec spec);

    /// <summary>The resource, or <see cref="NotFoundException"/> if it is not managed.</summary>
    [Alias("get")] Task<ManagedResource> GetAsync();

    /// <summary>The resource, or null if it is not managed.</summary>
    [Alias("find")] Task<ManagedResource?> FindAsync();

    /// <summary>Records an observation: merges <paramref name="observed"/> into the observed state and sets the health.</summary>
    [Alias("observe")] Task<ManagedResource> ObserveAsync(ImmutableDictionary<string, string> observed, ResourceHealth health);

    /// <summary>Stops managing the resource and clears its stored state; deleting twice changes nothing.</summary>
    [Alias("delete")] Task DeleteAsync();

    /// <summary>
    /// Applies what an inventory source reports (declaration, observation, health) in one write, and clears the stale
    /// mark; nothing is written when nothing changed. Returns whether anything changed.
    /// </summary>
    [Alias("inventory.apply")] Task<bool> ApplyInventoryAsync(InventoryRecord record);

    /// <summary>Marks the resource stale (its source cannot be read) or not; a resource of another source is left alone.</summary>
    [Alias("inventory.stale")] Task SetStaleAsync(string source, bool stale);

    /// <summary>
    /// Asks for the exclusive right to change this resource. Free or expired: granted. Held by the same action:
    /// renewed. Held by a lower-priority action that has not started executing: taken over, and the loser is
    /// returned. Otherwise refused with the holder.
    /// </summary>
    [Alias("lease.acquire")] Task<LeaseResult> AcquireLeaseAsync(LeaseRequest request);

    /// <summary>Marks the lease as executing (no longer preemptible) and extends it; refused unless <paramref name="actionId"/> holds it.</summary>
    [Alias("lease.execute")] Task<LeaseResult> MarkExecutingAsync(string actionId, TimeSpan duration);

    /// <summary>Releases the lease if <paramref name="actionId"/> holds it; otherwise does nothing.</summary>
    [Alias("lease.release")] Task ReleaseLeaseAsync(string actionId);

    /// <summary>The lease in force, or null when free or expired.</summary>
    [Alias("lease.get")] Task<ResourceLease?> GetLeaseAsync();

    /// <summary>Ids of the resources that declare a dependency on this one (sorted, at most <paramref name="limit"/>).</summary>
    [Alias("dependents")] Task<IReadOnlyList<string>> GetDependentsAsync(int limit);

    /// <summary>How many distinct stream events this resource has applied (duplicates are not counted).</summary>
    [Alias("events-applied")] Task<long> GetEventsAppliedAsync();
}
