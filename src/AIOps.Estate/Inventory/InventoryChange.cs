namespace AIOps.Estate.Inventory;

/// <summary>What happened to one resource at a source.</summary>
public enum InventoryChangeKind
{
    /// <summary>Created or changed: <see cref="InventoryChange.Resource"/> is its current form.</summary>
    Upserted,

    /// <summary>Gone from the source.</summary>
    Deleted,
}

/// <summary>One change reported by <see cref="IInventoryProvider.WatchAsync"/>.</summary>
/// <param name="Kind">Upserted or deleted.</param>
/// <param name="Id">The resource id.</param>
/// <param name="Resource">The resource as it now is; null for a deletion.</param>
/// <param name="Cursor">Position of this change at the source; passing it back to <see cref="IInventoryProvider.WatchAsync"/> resumes after it.</param>
public sealed record InventoryChange(InventoryChangeKind Kind, string Id, InventoryResource? Resource, string Cursor);
