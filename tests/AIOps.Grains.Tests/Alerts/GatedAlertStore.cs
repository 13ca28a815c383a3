using AIOps.Abstractions.Alerts;
using AIOps.Grains.Alerts;

namespace AIOps.Grains.Tests.Alerts;

/// <summary>An alert store whose first write waits for <see cref="Release"/>, and which records every write's size.</summary>
internal sealed class GatedAlertStore(IAlertStore inner) : IAlertStore
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writes;

    public TaskCompletionSource FirstWriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<(int Notifications, int Marks)> Writes { get; } = [];

    public void Release() => _release.TrySetResult();

    public async Task<AlertBatchResult> WriteAsync(AlertBatch batch, IReadOnlyCollection<AlertDelivery> delivered, CancellationToken cancellationToken = default)
    {
        lock (Writes)
        {
            Writes.Add((batch.Notifications.Count, delivered.Count));
        }

        if (Interlocked.Increment(ref _writes) == 1)
        {
            FirstWriteStarted.TrySetResult();
            await _release.Task;
        }

        return await inner.WriteAsync(batch, delivered, cancellationToken);
    }

    public Task AddRepeatsAsync(IReadOnlyCollection<AlertRepeat> repeats, CancellationToken cancellationToken = default) =>
        inner.AddRepeatsAsync(repeats, cancellationToken);

    public Task MarkDeliveredAsync(IReadOnlyCollection<AlertDelivery> delivered, CancellationToken cancellationToken = default) =>
        inner.MarkDeliveredAsync(delivered, cancellationToken);

    public Task<IReadOnlyList<(AlertSignal Signal, AlertDelivery Delivery)>> PendingAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
        inner.PendingAsync(before, limit, cancellationToken);

    public Task<IReadOnlyList<StoredAlert>> GetAsync(IReadOnlyCollection<(string Source, string Fingerprint)> keys, CancellationToken cancellationToken = default) =>
        inner.GetAsync(keys, cancellationToken);

    public Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);
}
