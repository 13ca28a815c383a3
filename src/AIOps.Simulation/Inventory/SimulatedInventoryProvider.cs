using System.Globalization;
using System.Runtime.CompilerServices;
using AIOps.Estate.Inventory;
using AIOps.Simulation.Estate;

namespace AIOps.Simulation.Inventory;

/// <summary>
/// The simulated estate as an inventory source. The cursor is the sequence number of the last change seen; the
/// watch also moves the simulation forward (polling the clock every <see cref="PollInterval"/>), so scheduled
/// scenarios start and their changes arrive without anyone else calling the estate.
/// </summary>
public sealed class SimulatedInventoryProvider : IInventoryProvider
{
    private readonly SimulatedEstate _estate;

    internal SimulatedInventoryProvider(SimulatedEstate estate) => _estate = estate;

    /// <summary>How often a watch catches the simulation up to the clock when nothing else does.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public string Name => "simulation";

    /// <inheritdoc/>
    public Task<InventorySnapshot> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_estate.SyncRoot)
        {
            _estate.AdvanceLocked();
            var resources = _estate.AllResources.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => r.ToInventory()).ToList();
            return Task.FromResult(new InventorySnapshot(resources, InventoryChangeLog.Cursor(_estate.Changes.LastSequence)));
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InventoryCursorExpiredException">The cursor is not one this estate can resume from.</exception>
    public async IAsyncEnumerable<InventoryChange> WatchAsync(string cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            throw new InventoryCursorExpiredException(cursor, $"'{cursor}' is not a cursor of the simulated estate.");
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<InventoryChange> changes;
            Task signal;
            lock (_estate.SyncRoot)
            {
                _estate.AdvanceLocked();
                changes = _estate.Changes.After(position);
                signal = _estate.Changes.Signal;
            }

            foreach (var change in changes)
            {
                position = long.Parse(change.Cursor, CultureInfo.InvariantCulture);
                yield return change;
            }

            if (changes.Count == 0)
            {
                var delay = Task.Delay(PollInterval, _estate.TimeProvider, cancellationToken);
                await Task.WhenAny(signal, delay);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
