using System.Diagnostics.Metrics;
using AIOps.Abstractions.Live;

namespace AIOps.Silo.Hubs;

/// <summary>
/// This silo's end of the live feed: it subscribes to <see cref="ILiveFeedGrain"/> (renewing every 30 s, so a lost
/// registration heals) and pushes each update to the hub clients connected here. A grain's change therefore
/// reaches clients on every silo, not only on the silo that hosts the grain. The grain's callback only enqueues
/// (<see cref="LiveFeedQueue"/>); one loop sends (<see cref="LiveFeedSender"/>), so neither the feed grain nor the
/// other clients wait for a client that reads slowly or not at all. Drops and stalls are counted
/// (meter <c>AIOps.LiveFeed</c>) and logged at most every <see cref="ReportInterval"/>.
/// </summary>
internal sealed partial class LiveFeedRelay : BackgroundService, ILiveFeedObserver
{
    /// <summary>Feed batches (one per ~50 ms flush) that may wait before the oldest is dropped: about 13 s.</summary>
    public const int QueueCapacity = 256;

    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(10);

    private readonly IGrainFactory _grains;
    private readonly LiveFeedSender _sender;
    private readonly ILogger<LiveFeedRelay> _logger;
    private readonly LiveFeedQueue _queue = new(QueueCapacity);

    public LiveFeedRelay(IGrainFactory grains, LiveFeedSender sender, IMeterFactory meters, ILogger<LiveFeedRelay> logger)
    {
        _grains = grains;
        _sender = sender;
        _logger = logger;
        var meter = meters.Create("AIOps.LiveFeed");
        meter.CreateObservableCounter("aiops.live_feed.dropped_updates", () => _queue.Dropped, "{update}", "Live updates dropped because this silo's hub clients could not keep up");
        meter.CreateObservableCounter("aiops.live_feed.stalled_sends", () => _sender.TimedOut, "{batch}", "Live-feed batches a client did not accept within the send timeout");
    }

    public Task OnUpdatesAsync(IReadOnlyList<LiveUpdate> updates)
    {
        _queue.Add(updates);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = _grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
        var reference = _grains.CreateObjectReference<ILiveFeedObserver>(this);
        var sending = Task.Run(() => SendLoopAsync(stoppingToken), CancellationToken.None);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await feed.SubscribeAsync(reference);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSubscribeFailed(_logger, e);
                }

                await Task.Delay(Renewal, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        finally
        {
            _grains.DeleteObjectReference<ILiveFeedObserver>(reference);
            _queue.Complete();
            await sending;
        }
    }

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        var reported = (Dropped: 0L, Stalled: 0L);
        var nextReport = DateTime.UtcNow + ReportInterval;
        try
        {
            while (await _queue.TakeAsync(stoppingToken) is { } batch)
            {
                try
                {
                    _sender.Send(batch);
                }
                catch (Exception e)
                {
                    LogSendFailed(_logger, e);
                }

                if (DateTime.UtcNow >= nextReport)
                {
                    var now = (Dropped: _queue.Dropped, Stalled: _sender.TimedOut);
                    if (now != reported)
                    {
                        LogBackPressure(_logger, now.Dropped - reported.Dropped, now.Dropped, now.Stalled - reported.Stalled, LiveFeedSender.SendTimeout.TotalSeconds);
                        reported = now;
                    }

                    nextReport = DateTime.UtcNow + ReportInterval;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the live feed; retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send a live-feed batch to the hub clients")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed falling behind: {Dropped} updates dropped ({TotalDropped} in all) because the queue to this silo's hub clients was full; {Stalled} batches not accepted by some client within {Timeout} s (those connections are aborted)")]
    private static partial void LogBackPressure(ILogger logger, long dropped, long totalDropped, long stalled, double timeout);
}
