namespace AIOps.Grains.Inventory;

/// <summary>Persisted state of one source's sync.</summary>
[GenerateSerializer, Alias("aiops.inventory-sync-state")]
public sealed class InventorySyncState
{
    /// <summary>Where to watch from; null means the next pass lists the source in full.</summary>
    [Id(0)] public string? Cursor { get; set; }

    /// <summary>Ids the source had at the last full listing plus changes since, so a listing can find deletions.</summary>
    [Id(1)] public string[] Known { get; set; } = [];

    /// <summary>End of the last successful pass.</summary>
    [Id(2)] public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Failed passes since the last success.</summary>
    [Id(3)] public int Failures { get; set; }

    /// <summary>Why the last pass failed.</summary>
    [Id(4)] public string? LastError { get; set; }

    /// <summary>True while the source's resources are marked stale.</summary>
    [Id(5)] public bool Stale { get; set; }
}
