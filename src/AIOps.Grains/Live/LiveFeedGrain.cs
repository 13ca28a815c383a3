using AIOps.Abstractions.Live;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace AIOps.Grains.Live;

/// <summary>
/// Collects changes for <see cref="FlushInterval"/>, keeps the latest per entity (a flapping entity sends one update
/// per interval, not one per change) and sends the batch to every subscribed relay without waiting for them, so a
/// slow silo or client never slows the grains that publish. Changes people wait for (incidents, approvals, actions,
/// agents) are sent after <see cref="PromptFlushInterval"/>, taking the resource changes collected so far with them.
/// </summary>
[Reentrant]
public sealed class LiveFeedGrain(ILogger<LiveFeedGrain> logger, TimeProvider clock) : Grain, ILiveFeedGrain
{
    /// <summary>How long resource changes (the storm-prone kind) are collected before they are sent.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How long other changes wait: they are rare, and someone is watching for them.</summary>
    public static readonly TimeSpan PromptFlushInterval = TimeSpan.FromMilliseconds(10);

    private readonly ObserverManager<ILiveFeedObserver> _relays = new(TimeSpan.FromMinutes(2), logger);
    private Dictionary<(string Kind, string Id), LiveUpdate> _pending = [];
    private IGrainTimer? _flush;
    private long _flushDue;

    /// <inheritdoc />
    public Task PublishAsync(LiveUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        _pending[(update.Kind, update.EntityId)] = update;
        var delay = update.Kind == LiveKinds.Resource ? FlushInterval : PromptFlushInterval;
        var due = clock.GetTimestamp() + (long)(delay.TotalSeconds * clock.TimestampFrequency);
        if (_flush is null || due < _flushDue)
        {
            _flush?.Dispose();
            _flush = this.RegisterGrainTimer(static (grain, _) => grain.FlushAsync(), this, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true });
            _flushDue = due;
        }

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
