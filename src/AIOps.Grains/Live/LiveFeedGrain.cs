using AIOps.Abstractions.Live;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace AIOps.Grains.Live;

/// <summary>
/// Collects changes for <see cref="FlushInterval"/>, keeps the latest per entity (a flapping entity sends one update
/// per interval, not one per change) and sends the batch to every subscribed relay without waiting for them, so a
/// slow silo or client never slows the grains that publish.
/// </summary>
[Reentrant]
public sealed class LiveFeedGrain(ILogger<LiveFeedGrain> logger) : Grain, ILiveFeedGrain
{
    /// <summary>How long changes are collected before they are sent.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    private readonly ObserverManager<ILiveFeedObserver> _relays = new(TimeSpan.FromMinutes(2), logger);
    private Dictionary<(string Kind, string Id), LiveUpdate> _pending = [];
    private IGrainTimer? _flush;

    /// <inheritdoc />
    public Task PublishAsync(LiveUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        _pending[(update.Kind, update.EntityId)] = update;
        _flush ??= this.RegisterGrainTimer(static (grain, _) => grain.FlushAsync(), this, new GrainTimerCreationOptions(FlushInterval, Timeout.InfiniteTimeSpan) { Interleave = true });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SubscribeAsync(ILiveFeedObserver observer)
    {
        _relays.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(ILiveFeedObserver observer)
    {
        _relays.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private Task FlushAsync()
    {
        _flush?.Dispose();
        _flush = null;
        var batch = _pending.Values.OrderBy(u => u.At).ToArray();
        _pending = [];
        if (batch.Length > 0)
        {
            _relays.Notify(relay => relay.OnUpdatesAsync(batch).Ignore());
        }

        return Task.CompletedTask;
    }
}
