using AIOps.Estate.Inventory;

namespace AIOps.Benchmarks.Inventory;

/// <summary>The simulated estate's inventory source, with its listing taken once so the benchmark knows the count.</summary>
internal sealed class BenchmarkEstate(IInventoryProvider source, IReadOnlyList<InventoryResource> resources) : IInventoryProvider
{
    public IReadOnlyList<InventoryResource> Resources => resources;

    public string Name => source.Name;

    public Task<InventorySnapshot> ListAsync(CancellationToken cancellationToken) => source.ListAsync(cancellationToken);

    public IAsyncEnumerable<InventoryChange> WatchAsync(string cursor, CancellationToken cancellationToken) => source.WatchAsync(cursor, cancellationToken);
}
