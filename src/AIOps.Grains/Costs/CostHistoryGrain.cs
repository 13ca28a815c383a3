using AIOps.Abstractions.Costs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AIOps.Grains.Costs;

/// <summary>How often the cost history recorder takes a snapshot (<c>AIOps:Costs:SnapshotInterval</c>).</summary>
public sealed class CostHistoryOptions
{
    /// <summary>Between snapshots; at least a minute (the reminders' floor).</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Takes the estate's cost snapshots on a reminder and stores them in the <see cref="ICostHistoryStore"/>.</summary>
public sealed partial class CostHistoryGrain(
    CostReportService reports,
    ICostHistoryStore store,
    TimeProvider clock,
    IOptions<CostHistoryOptions> options,
    ILogger<CostHistoryGrain> logger) : Grain, ICostHistoryGrain, IRemindable
{
    private const string Reminder = "cost-snapshot";
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    private TimeSpan Interval => options.Value.SnapshotInterval < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : options.Value.SnapshotInterval;

    /// <inheritdoc />
    public async Task EnsureRecordingAsync()
    {
        // The first tick comes soon (an estate still being discovered at start has nothing to record yet).
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromSeconds(15), Interval);
        if (clock.GetUtcNow() - _last >= Interval)
        {
            // Called as the silo starts: a snapshot that fails now (a database blip) is retried by the reminder, and
            // never stops the silo.
            await TrySnapshotAsync();
        }
    }

    /// <inheritdoc />
    public async Task SnapshotAsync()
    {
        var report = await reports.GetReportAsync(new CostReportQuery(null, null, null, 1));
        if (report.ResourceCount == 0)
        {
            // Nothing discovered yet (or nothing managed): no point rather than a misleading zero.
            return;
        }

        var samples = CostDimensions.SamplesOf(report);
        await store.AppendAsync(report.GeneratedAt, samples);
        _last = report.GeneratedAt;
        LogSnapshot(logger, samples.Count, report.Total.PerHour);
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => TrySnapshotAsync();

    private async Task TrySnapshotAsync()
    {
        try
        {
            await SnapshotAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next reminder tries again; a missed snapshot is a gap in the trend, not a failure of the platform.
            LogSnapshotFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cost snapshot: {Count} groups, total {PerHour}/h")]
    private static partial void LogSnapshot(ILogger logger, int count, decimal perHour);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cost snapshot failed; the next one is at the next interval")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception);
}
