using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using AIOps.Abstractions.Alerts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AIOps.Grains.Alerts;

/// <summary>
/// Group commit of alert notifications into an <see cref="IAlertStore"/>. Requests queue their notifications and wait; one writer stores everything queued as one
/// batch (group commit: one transaction, one round trip in durable mode) and then completes the waiting requests, so a
/// 2xx means the alert is stored. After each commit a delivery loop hands the batch's signals to the correlator in one
/// grain call and the rows are marked delivered in the next write. Rows still pending after
/// <see cref="RedeliverAfter"/> (a crash between commit and delivery, a correlator that failed) are delivered again at
/// start and every few seconds: the correlator must be idempotent on event ids. A notification that repeats exactly a
/// state this silo stored is answered at once from <see cref="Repeats"/>: nothing new to store, so nothing to wait for;
/// its count and last-seen time are stored, and handed to the correlator, by the next repeat flush (about a second).
/// </summary>
/// <param name="store">Where the alerts are stored.</param>
/// <param name="deliver">Hands a batch of signals to the correlator (one grain call); a failure leaves the rows pending.</param>
/// <param name="clock">Time, for redelivery.</param>
/// <param name="logger">Logs failures and redeliveries.</param>
public sealed partial class AlertGroupCommit(IAlertStore store, Func<ImmutableArray<AlertSignal>, Task> deliver, TimeProvider clock, ILogger logger)
{
    /// <summary>Called after each commit, before the waiting requests complete (e.g. to count what was accepted).</summary>
    public Action<IReadOnlyList<AlertNotification>, AlertBatchResult>? Committed { get; init; }

    /// <summary>Called after the correlator took a delivery and its rows are queued to be marked delivered.</summary>
    public Action<int>? Delivered { get; init; }

    /// <summary>Called with the source and count of notifications <see cref="AcceptAsync"/> answered as repeats without a write.</summary>
    public Action<string, int>? Absorbed { get; init; }

    /// <summary>The stored states this silo answers repeats of; their counts are stored every <see cref="RepeatFlushInterval"/>.</summary>
    public AlertRepeats Repeats { get; } = new();

    /// <summary>How often repeats counted in memory are stored and handed to the correlator.</summary>
    public static readonly TimeSpan RepeatFlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Least time between the starts of two deliveries. Every delivery costs the same fixed work whatever its size
    /// (a correlator call, a journal event and a live push per incident touched, a stream message per agent), so under a
    /// storm the changes committed within one interval go together; the first change after a quiet spell goes at once.
    /// </summary>
    public TimeSpan DeliveryInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a stored change may wait for its delivery before it is delivered again.</summary>
    public static readonly TimeSpan RedeliverAfter = TimeSpan.FromSeconds(5);

    /// <summary>Most notifications stored in one batch.</summary>
    public const int MaxBatchNotifications = 8192;

    private const int MaxWriteAttempts = 3;
    private static readonly TimeSpan SlowAfter = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MarkIdle = TimeSpan.FromMilliseconds(200);
    private readonly Channel<Waiting> _queue = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<AlertBatchResult> _deliveries = Channel.CreateUnbounded<AlertBatchResult>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ConcurrentQueue<AlertDelivery> _delivered = new();
    private readonly Channel<TaskCompletionSource> _flushes = Channel.CreateUnbounded<TaskCompletionSource>(new UnboundedChannelOptions { SingleReader = true });
    private volatile TaskCompletionSource _marksAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stores <paramref name="notifications"/> with those of concurrent requests; returns each one's change once committed.</summary>
    /// <exception cref="TimeoutException">The store could not take the batch (the source should retry: 503).</exception>
    public async Task<ImmutableArray<AlertChange>> AcceptAsync(IReadOnlyList<AlertNotification> notifications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (notifications.Count == 0)
        {
            return [];
        }

        // Exact repeats of states this silo stored are counted, not written (see AlertRepeats).
        List<AlertNotification>? toWrite = null;
        var absorbed = new bool[notifications.Count];
        for (var i = 0; i < notifications.Count; i++)
        {
            var n = notifications[i];
            if (Repeats.TryAbsorb(n.Source, n.Fingerprint, n.Status, n.StartsAt, n.Content ?? AlertContent.Hash(n.Labels, n.Annotations), n.EndsAt, n.ReceivedAt))
            {
                absorbed[i] = true;
                Absorbed?.Invoke(n.Source, 1);
            }
            else
            {
                (toWrite ??= new(notifications.Count)).Add(n);
            }
        }

        if (toWrite is null)
        {
            return [.. absorbed.Select(_ => AlertChange.Repeat)];
        }

        var waiting = new Waiting(toWrite);
        if (!_queue.Writer.TryWrite(waiting))
        {
            throw new TimeoutException("The silo is stopping; send the alerts again.");
        }

        // Not cancelled with the request: once queued, the alerts are stored whether or not the sender still waits.
        var written = await waiting.Done.Task.WaitAsync(cancellationToken);
        if (written.Length == notifications.Count)
        {
            return written;
        }

        var changes = ImmutableArray.CreateBuilder<AlertChange>(notifications.Count);
        var next = 0;
        foreach (var repeat in absorbed)
        {
            changes.Add(repeat ? AlertChange.Repeat : written[next++]);
        }

        return changes.MoveToImmutable();
    }

    /// <summary>
    /// Stores the repeats counted since the last flush and queues them for the correlator (also done every
    /// <see cref="RepeatFlushInterval"/>). The writer does it between two batches: one silo never has two statements on
    /// the same alert rows in flight, whose row locks could deadlock.
    /// </summary>
    public async Task FlushRepeatsAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_flushes.Writer.TryWrite(done))
        {
            return; // Stopping: the writer's last act is to store them.
        }

        _marksAdded.TrySetResult();
        await done.Task.WaitAsync(cancellationToken);
    }

    // Only on the writer.
    private async Task ServeFlushesAsync(CancellationToken stoppingToken)
    {
        if (!_flushes.Reader.TryPeek(out _))
        {
            return;
        }

        var waiting = new List<TaskCompletionSource>();
        while (_flushes.Reader.TryRead(out var flush))
        {
            waiting.Add(flush);
        }

        try
        {
            await StoreRepeatsAsync(stoppingToken);
            waiting.ForEach(w => w.TrySetResult());
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            waiting.ForEach(w => w.TrySetException(e));
        }
    }

    // Only on the writer.
    private async Task StoreRepeatsAsync(CancellationToken cancellationToken)
    {
        var repeats = Repeats.Drain();
        if (repeats.Count == 0)
        {
            return;
        }

        try
        {
            await store.AddRepeatsAsync([.. repeats], cancellationToken);
        }
        catch (Exception e)
        {
            Repeats.Return(repeats);
            if (e is not OperationCanceledException)
            {
                LogRepeatsFailed(logger, e, repeats.Count);
            }

            throw;
        }

        ImmutableArray<AlertSignal> signals = [.. repeats.Where(r => r.ToCorrelator).Select(r => new AlertSignal(r.Event, AlertChange.Repeat, r.Count, r.FirstReceivedAt))];
        if (!signals.IsEmpty)
        {
            // Through the delivery loop, so they reach the correlator after the changes committed before them.
            _deliveries.Writer.TryWrite(new AlertBatchResult([], signals, [], ImmutableDictionary<string, int>.Empty));
        }
    }

    /// <summary>Runs the writer, the delivery and the redelivery loops until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var writer = WriteLoopAsync(stoppingToken);
        var delivery = DeliveryLoopAsync(stoppingToken);
        var recovery = RecoveryLoopAsync(stoppingToken);
        var repeats = RepeatLoopAsync(stoppingToken);
        await Task.WhenAll(writer, delivery, recovery, repeats);
    }

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Waiting>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ServeFlushesAsync(stoppingToken);
                if (!_queue.Reader.TryPeek(out _))
                {
                    if (_delivered.IsEmpty && !_flushes.Reader.TryPeek(out _))
                    {
                        // Idle: wake for the next request, or for marks to write (so delivered rows do not wait for traffic).
                        var marksAdded = _marksAdded;
                        if (_delivered.IsEmpty)
                        {
                            await Task.WhenAny(_queue.Reader.WaitToReadAsync(stoppingToken).AsTask(), marksAdded.Task);
                            stoppingToken.ThrowIfCancellationRequested();
                        }

                        if (marksAdded.Task.IsCompleted)
                        {
                            _marksAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
                        }

                        continue;
                    }
                    else if (!await WaitAsync(_queue.Reader.WaitToReadAsync(stoppingToken).AsTask(), MarkIdle, stoppingToken))
                    {
                        await MarkAloneAsync(stoppingToken);
                        continue;
                    }
                }

                var count = 0;
                while (count < MaxBatchNotifications && _queue.Reader.TryRead(out var waiting))
                {
                    batch.Add(waiting);
                    count += waiting.Notifications.Count;
                }

                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: anything still queued is refused below.
        }

        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var left))
        {
            left.Done.TrySetException(new TimeoutException("The silo is stopping; send the alerts again."));
        }

        // Store what was counted since the last repeat flush.
        _flushes.Writer.TryComplete();
        using (var last = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await StoreRepeatsAsync(last.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or NpgsqlException or TimeoutException or InvalidOperationException or ObjectDisposedException)
            {
                LogRepeatsLost(logger, e);
            }
        }

        while (_flushes.Reader.TryRead(out var flush))
        {
            flush.TrySetResult();
        }

        _deliveries.Writer.TryComplete();
    }

    private async Task WriteAsync(List<Waiting> batch, CancellationToken stoppingToken)
    {
        var notifications = batch.Count == 1 ? batch[0].Notifications : [.. batch.SelectMany(w => w.Notifications)];
        var marks = TakeMarks();
        var plan = new AlertBatch(notifications);
        AlertBatchResult result;
        var timer = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                result = await store.WriteAsync(plan, marks, CancellationToken.None);
                break;
            }
            catch (PostgresException e) when ((e.IsTransient || e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure) && attempt < MaxWriteAttempts)
            {
                LogRetry(logger, e.SqlState, attempt);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogWriteFailed(logger, e, notifications.Count);
                foreach (var mark in marks)
                {
                    _delivered.Enqueue(mark);
                }

                var failure = new TimeoutException("The alert store could not take the alerts; send them again.", e);
                foreach (var waiting in batch)
                {
                    waiting.Done.TrySetException(failure);
                }

                return;
            }
        }

        if (timer.Elapsed > SlowAfter)
        {
            LogSlowWrite(logger, notifications.Count, marks.Length, (long)timer.Elapsed.TotalMilliseconds);
        }

        foreach (var stored in result.Stored)
        {
            Repeats.Learn(stored);
        }

        Committed?.Invoke(notifications, result);
        var offset = 0;
        foreach (var waiting in batch)
        {
            waiting.Done.TrySetResult(result.Changes.Slice(offset, waiting.Notifications.Count));
            offset += waiting.Notifications.Count;
        }

        _deliveries.Writer.TryWrite(result);
    }

    private async Task DeliveryLoopAsync(CancellationToken stoppingToken)
    {
        var signals = new List<AlertSignal>();
        var deliveries = new List<AlertDelivery>();
        try
        {
            long? last = null;
            while (await _deliveries.Reader.WaitToReadAsync(stoppingToken))
            {
                // Under a storm the commits of one interval go to the correlator together (see DeliveryInterval). Pacing,
                // not a business time: measured on the monotonic clock, not the injected one.
                if (last is { } previous && System.Diagnostics.Stopwatch.GetElapsedTime(previous) is var since && since < DeliveryInterval)
                {
                    await Task.Delay(DeliveryInterval - since, stoppingToken);
                }

                last = System.Diagnostics.Stopwatch.GetTimestamp();
                // Batches committed while the previous call ran go together: still one call per delivery.
                while (signals.Count < MaxBatchNotifications && _deliveries.Reader.TryRead(out var next))
                {
                    signals.AddRange(next.Signals);
                    deliveries.AddRange(next.Deliveries);
                }

                try
                {
                    var timer = System.Diagnostics.Stopwatch.StartNew();
                    await deliver([.. signals]);
                    if (timer.Elapsed > SlowAfter)
                    {
                        LogSlowDelivery(logger, signals.Count, (long)timer.Elapsed.TotalMilliseconds);
                    }

                    foreach (var delivery in deliveries)
                    {
                        _delivered.Enqueue(delivery);
                    }

                    _marksAdded.TrySetResult();
                    Delivered?.Invoke(signals.Count);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The rows stay pending; the recovery loop delivers them again.
                    LogDeliveryFailed(logger, e, signals.Count);
                }

                signals.Clear();
                deliveries.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: undelivered rows are pending in the store and are delivered at the next start.
        }
    }

    private async Task RepeatLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(RepeatFlushInterval, clock, stoppingToken);
                try
                {
                    await FlushRepeatsAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Logged by the writer; the counts stay for the next flush.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the writer stores the last counts.
        }
    }

    private async Task RecoveryLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RedeliverPendingAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRecoveryFailed(logger, e);
                }

                await Task.Delay(RedeliverAfter, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Delivers again every row pending for longer than <see cref="RedeliverAfter"/>; returns how many.</summary>
    public async Task<int> RedeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        const int Page = 1000;
        var total = 0;
        IReadOnlyList<(AlertSignal Signal, AlertDelivery Delivery)> pending;
        do
        {
            pending = await store.PendingAsync(clock.GetUtcNow() - RedeliverAfter, Page, cancellationToken);
            if (pending.Count > 0)
            {
                await deliver([.. pending.Select(p => p.Signal)]);
                await store.MarkDeliveredAsync([.. pending.Select(p => p.Delivery)], cancellationToken);
                LogRedelivered(logger, pending.Count);
                total += pending.Count;
            }
        }
        while (pending.Count == Page);
        return total;
    }

    private async Task MarkAloneAsync(CancellationToken stoppingToken)
    {
        var marks = TakeMarks();
        try
        {
            await store.MarkDeliveredAsync(marks, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left pending: the recovery loop delivers those rows again, which the correlator ignores.
            LogMarkFailed(logger, e, marks.Length);
        }
    }

    private AlertDelivery[] TakeMarks()
    {
        var marks = new List<AlertDelivery>();
        while (marks.Count < MaxBatchNotifications && _delivered.TryDequeue(out var mark))
        {
            marks.Add(mark);
        }

        return [.. marks];
    }

    private static async Task<bool> WaitAsync(Task<bool> ready, TimeSpan timeout, CancellationToken stoppingToken)
    {
        var first = await Task.WhenAny(ready, Task.Delay(timeout, stoppingToken));
        return first == ready && await ready;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storing {Count} alert notifications (and {Marks} delivery marks) was slow: {ElapsedMs} ms")]
    private static partial void LogSlowWrite(ILogger logger, int count, int marks, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivering {Count} alert signals to the correlator was slow: {ElapsedMs} ms")]
    private static partial void LogSlowDelivery(ILogger logger, int count, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert store batch hit {SqlState}; retrying (attempt {Attempt}).")]
    private static partial void LogRetry(ILogger logger, string sqlState, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store a batch of {Count} alert notifications; the senders get 503 and retry.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver {Count} alert signals to the correlator; they stay pending and are delivered again.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Count} pending alert signals again.")]
    private static partial void LogRedelivered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver pending alert signals again; retrying shortly.")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the counts of {Count} repeated alerts; retrying at the next flush.")]
    private static partial void LogRepeatsFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the last repeat counts while stopping; the alerts themselves are stored.")]
    private static partial void LogRepeatsLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark {Count} alert rows delivered; they are delivered again later.")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, int count);

    private sealed class Waiting(IReadOnlyList<AlertNotification> notifications)
    {
        public IReadOnlyList<AlertNotification> Notifications { get; } = notifications;

        public TaskCompletionSource<ImmutableArray<AlertChange>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
