using System.Collections.Immutable;
using AIOps.Grains.Alerts;

namespace AIOps.Silo.Ingestion;

/// <summary>Adds this silo's <see cref="IngestionCounters"/> to the cluster's sums about once a second.</summary>
public sealed partial class IngestionCountersFlusher(IngestionCounters counters, IGrainFactory grains, ILogger<IngestionCountersFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>Flushes what this silo counted, then reads the cluster's sums (so a caller sees its own silo's latest counts).</summary>
    public async Task<ImmutableDictionary<string, long>> FlushAndReadAsync()
    {
        await FlushAsync();
        return await grains.GetGrain<IIngestStatsGrain>(0).GetAsync();
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _flushing.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFlushFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            var deltas = counters.Take();
            if (deltas.IsEmpty)
            {
                return;
            }

            try
            {
                await grains.GetGrain<IIngestStatsGrain>(0).AddAsync(deltas);
            }
            catch
            {
                counters.Restore(deltas);
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not flush the ingestion counters; they are kept and retried.")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
