using System.Threading.Channels;
using AIOps.Abstractions.Live;

namespace AIOps.Silo.Hubs;

/// <summary>
/// Batches from the feed grain waiting to be sent to this silo's hub clients. Adding never waits: the feed grain's
/// callback must return at once whatever the clients do. The queue is bounded; when it is full the oldest batch is
/// dropped and counted. Batches that queued up while the sender was busy are merged on the way out, keeping the
/// latest update per entity, so a backlog shrinks instead of being replayed change by change.
/// </summary>
internal sealed class LiveFeedQueue
{
    private readonly Channel<IReadOnlyList<LiveUpdate>> _channel;
    private long _dropped;

    public LiveFeedQueue(int capacity) =>
        _channel = Channel.CreateBounded<IReadOnlyList<LiveUpdate>>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            batch => Interlocked.Add(ref _dropped, batch.Count));

    /// <summary>Updates dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(IReadOnlyList<LiveUpdate> batch)
    {
        if (batch.Count > 0)
        {
            _channel.Writer.TryWrite(batch);
        }
    }

    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Waits for a batch and merges it with any others already waiting; null once completed.</summary>
    public async ValueTask<IReadOnlyList<LiveUpdate>?> TakeAsync(CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        if (!await reader.WaitToReadAsync(cancellationToken) || !reader.TryRead(out var first))
        {
            return reader.Completion.IsCompleted ? null : [];
        }

        if (!reader.TryRead(out var next))
        {
            return first;
        }

        var latest = new Dictionary<(string Kind, string Id), LiveUpdate>();
        foreach (var update in first)
        {
            latest[(update.Kind, update.EntityId)] = update;
        }

        do
        {
            foreach (var update in next)
            {
                latest[(update.Kind, update.EntityId)] = update;
            }
        }
        while (reader.TryRead(out next));

        return [.. latest.Values.OrderBy(u => u.At)];
    }
}
