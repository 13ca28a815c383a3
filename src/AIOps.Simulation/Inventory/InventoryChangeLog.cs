using System.Globalization;
using AIOps.Estate.Inventory;

namespace AIOps.Simulation.Inventory;

/// <summary>
/// The estate's changes in order, bounded: each change gets the next sequence number, which is its cursor. Watchers
/// wait on <see cref="Signal"/>, which completes on the next append.
/// </summary>
internal sealed class InventoryChangeLog(int capacity)
{
    private readonly Queue<(long Sequence, InventoryChange Change)> _changes = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long LastSequence { get; private set; }

    public long OldestSequence => _changes.Count > 0 ? _changes.Peek().Sequence : LastSequence + 1;

    public Task Signal => _signal.Task;

    public static string Cursor(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    public void Append(InventoryChangeKind kind, string id, InventoryResource? resource)
    {
        var sequence = ++LastSequence;
        _changes.Enqueue((sequence, new InventoryChange(kind, id, resource, Cursor(sequence))));
        while (_changes.Count > capacity)
        {
            _changes.Dequeue();
        }
    }

    /// <summary>Wakes watchers once a batch of changes is complete.</summary>
    public void Notify() => Interlocked.Exchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Changes after <paramref name="sequence"/>; throws when some of them have already fallen off the log.</summary>
    public IReadOnlyList<InventoryChange> After(long sequence)
    {
        if (sequence > LastSequence)
        {
            throw new InventoryCursorExpiredException(Cursor(sequence), $"Cursor {sequence} is ahead of the simulated estate's last change {LastSequence}.");
        }

        if (sequence < LastSequence && sequence + 1 < OldestSequence)
        {
            throw new InventoryCursorExpiredException(Cursor(sequence), $"Cursor {sequence} is older than the oldest change kept ({OldestSequence}); list again.");
        }

        return [.. _changes.Where(c => c.Sequence > sequence).Select(c => c.Change)];
    }
}
