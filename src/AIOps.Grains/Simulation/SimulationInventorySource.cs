using System.Runtime.CompilerServices;
using AIOps.Estate.Inventory;

namespace AIOps.Grains.Simulation;

/// <summary>
/// The simulated estate as an inventory source in any silo: it reads the one <see cref="ISimulationGrain"/>, paging
/// the listing and polling the change log, so all silos sync the same estate.
/// </summary>
public sealed class SimulationInventorySource(IGrainFactory grains) : IInventoryProvider
{
    private const int PageSize = 5_000;

    /// <summary>How often the change log is polled when nothing is new.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    public string Name => "simulation";

    private ISimulationGrain Estate => grains.GetGrain<ISimulationGrain>(ISimulationGrain.Key);

    /// <inheritdoc />
    public async Task<InventorySnapshot> ListAsync(CancellationToken cancellationToken)
    {
        var first = await Estate.ListAsync(0, PageSize);
        var resources = new List<InventoryResource>(first.Total);
        resources.AddRange(first.Resources);
        while (resources.Count < first.Total)
        {
            var page = await Estate.ListAsync(resources.Count, PageSize);
            if (page.Resources.Count == 0)
            {
                break;
            }

            resources.AddRange(page.Resources);
        }

        // Changes made while paging are replayed from the first page's cursor; applying them twice does no harm.
        return new InventorySnapshot(resources, first.Cursor);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<InventoryChange> WatchAsync(string cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = cursor;
        while (!cancellationToken.IsCancellationRequested)
        {
            var changes = await Estate.ChangesAsync(position, 1_000);
            foreach (var change in changes)
            {
                position = change.Cursor;
                yield return change;
            }

            if (changes.Count == 0)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
    }
}
