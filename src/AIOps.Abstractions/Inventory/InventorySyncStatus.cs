namespace AIOps.Abstractions.Inventory;

/// <summary>Where the sync of one inventory source stands.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="Resources">Resources the source has, as of the last successful pass.</param>
/// <param name="Stale">True while the source cannot be read; its resources are marked stale.</param>
/// <param name="LastSuccessAt">End of the last successful pass.</param>
/// <param name="ConsecutiveFailures">Failed passes since the last success.</param>
/// <param name="LastError">Why the last pass failed, if it did.</param>
/// <param name="NextAttemptAt">When the next pass runs.</param>
/// <param name="Applied">Resource changes applied to grains since the grain started.</param>
/// <param name="Deleted">Resources deleted because the source no longer has them, since the grain started.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.inventory-sync-status")]
public sealed record InventorySyncStatus(
    [property: Id(0)] string Source,
    [property: Id(1)] int Resources,
    [property: Id(2)] bool Stale,
    [property: Id(3)] DateTimeOffset? LastSuccessAt,
    [property: Id(4)] int ConsecutiveFailures,
    [property: Id(5)] string? LastError,
    [property: Id(6)] DateTimeOffset? NextAttemptAt,
    [property: Id(7)] long Applied,
    [property: Id(8)] long Deleted);
