namespace AIOps.Abstractions.Inventory;

/// <summary>
/// Keeps the resource grains of one inventory source in step with it (key: the source's name). It lists the source,
/// then follows its changes; a failing source is retried with backoff and its resources are marked stale, not
/// deleted. A reminder keeps it running across restarts and failovers.
/// </summary>
[Alias("aiops.inventory-sync")]
public interface IInventorySyncGrain : IGrainWithStringKey
{
    /// <summary>Starts (or keeps) syncing; idempotent.</summary>
    [Alias("start")] Task StartAsync();

    /// <summary>
    /// Runs one sync pass now (a full listing the first time and after a failure, else the changes since the cursor);
    /// listing a large estate takes minutes, hence the long timeout.
    /// </summary>
    [Alias("sync"), ResponseTimeout("00:30:00")] Task<InventorySyncStatus> SyncNowAsync();

    /// <summary>Where the sync stands.</summary>
    [Alias("status")] Task<InventorySyncStatus> GetStatusAsync();
}
