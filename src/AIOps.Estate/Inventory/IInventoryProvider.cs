namespace AIOps.Estate.Inventory;

/// <summary>
/// One source of managed resources (the simulated estate, a Kubernetes cluster, an AWS account, a Terraform
/// workspace...). Sync takes a full snapshot with <see cref="ListAsync"/>, then follows <see cref="WatchAsync"/> from the
/// snapshot's cursor; when the watch fails it is retried with backoff and the source's resources are marked stale.
/// </summary>
public interface IInventoryProvider
{
    /// <summary>Stable name of the source, e.g. <c>simulation</c> or <c>aws:123456789012</c>; recorded on every resource it owns.</summary>
    string Name { get; }

    /// <summary>Every resource the source has now, and the cursor to watch from.</summary>
    Task<InventorySnapshot> ListAsync(CancellationToken cancellationToken);

    /// <summary>Changes after <paramref name="cursor"/>, as they happen, until cancelled or the source fails (it throws).</summary>
    IAsyncEnumerable<InventoryChange> WatchAsync(string cursor, CancellationToken cancellationToken);
}

/// <summary>A full listing of a source.</summary>
/// <param name="Resources">Every resource.</param>
/// <param name="Cursor">Where the listing was taken; watch from here.</param>
public sealed record InventorySnapshot(IReadOnlyList<InventoryResource> Resources, string Cursor);
