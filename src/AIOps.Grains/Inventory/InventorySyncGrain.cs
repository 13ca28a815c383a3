using AIOps.Abstractions;
using AIOps.Abstractions.Inventory;
using AIOps.Abstractions.Resources;
using AIOps.Estate.Inventory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace AIOps.Grains.Inventory;

/// <summary>
/// Syncs one inventory source into resource grains. A pass lists the source in full when it has no cursor (first
/// run, or after a failure: a broken watch may have missed changes), else pulls the changes since the cursor for at
/// most <see cref="InventorySyncOptions.PullWindow"/>. Applying is idempotent (a grain writes only what changed), so a
/// pass repeated after a crash does no harm. A failure marks the source's resources stale and retries with a
/// doubling backoff; the next full listing clears the marks. Deleting happens only for what the source says is gone.
/// </summary>
[Reentrant]
public sealed partial class InventorySyncGrain(
    [PersistentState("inventory-sync", StorageNames.Grains)] IPersistentState<InventorySyncState> state,
    InventoryProviders providers,
    IOptions<InventorySyncOptions> options,
    TimeProvider clock,
    ILogger<InventorySyncGrain> logger)
    : Grain, IInventorySyncGrain, IRemindable
{
    private const string KeepAlive = "inventory-sync";
    private readonly InventorySyncOptions _options = options.Value;
    private HashSet<string>? _known;
    private IGrainTimer? _timer;
    private bool _running;
    private DateTimeOffset? _nextAttempt;
    private long _applied;
    private long _deleted;

    private string Source => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task StartAsync()
    {
        _ = providers.Get(Source);
        await this.RegisterOrUpdateReminder(KeepAlive, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _timer ??= this.RegisterGrainTimer(static (grain, _) => grain.TickAsync(), this,
            new GrainTimerCreationOptions(TimeSpan.Zero, _options.Interval) { Interleave = true });
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => StartAsync();

    /// <inheritdoc />
    public Task<InventorySyncStatus> GetStatusAsync() => Task.FromResult(Status());

    /// <inheritdoc />
    public async Task<InventorySyncStatus> SyncNowAsync()
    {
        while (_running)
        {
            await Task.Delay(20);
        }

        await PassAsync();
        return Status();
    }

    private async Task TickAsync()
    {
        if (!_running && (_nextAttempt is null || clock.GetUtcNow() >= _nextAttempt))
        {
            await PassAsync();
        }
    }

    private async Task PassAsync()
    {
        _running = true;
        try
        {
            var provider = providers.Get(Source);
            _known ??= new HashSet<string>(state.State.Known, StringComparer.Ordinal);
            if (state.State.Cursor is null)
            {
                await ListAsync(provider);
            }
            else
            {
                await FollowAsync(provider, state.State.Cursor);
            }

            state.State.Failures = 0;
            state.State.LastError = null;
            state.State.LastSuccessAt = clock.GetUtcNow();
            _nextAttempt = null;
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await FailAsync(e);
        }
        finally
        {
            _running = false;
        }
    }

    private async Task ListAsync(IInventoryProvider provider)
    {
        var snapshot = await provider.ListAsync(CancellationToken.None);
        var ids = new HashSet<string>(snapshot.Resources.Select(r => r.Id), StringComparer.Ordinal);
        await ApplyAsync(snapshot.Resources);
        var gone = _known!.Where(id => !ids.Contains(id)).ToList();
        await ForEachAsync(gone, id => GrainFactory.GetGrain<IResourceGrain>(id).DeleteAsync());
        _deleted += gone.Count;
        _known = ids;
        state.State.Known = [.. ids];
        state.State.Cursor = snapshot.Cursor;
        state.State.Stale = false;
        LogListed(logger, Source, ids.Count, gone.Count);
    }

    private async Task FollowAsync(IInventoryProvider provider, string cursor)
    {
        using var window = new CancellationTokenSource(_options.PullWindow);
        var changes = new List<InventoryChange>();
        try
        {
            await foreach (var change in provider.WatchAsync(cursor, window.Token))
            {
                changes.Add(change);
                if (changes.Count >= _options.MaxChangesPerPass)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested)
        {
            // The window closed: apply what arrived.
        }

        if (changes.Count == 0)
        {
            return;
        }

        // Only the last change of a resource in the pass matters.
        var last = changes.GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        await ApplyAsync([.. last.Where(c => c.Kind == InventoryChangeKind.Upserted && c.Resource is not null).Select(c => c.Resource!)]);
        var deletions = last.Where(c => c.Kind == InventoryChangeKind.Deleted).Select(c => c.Id).ToList();
        await ForEachAsync(deletions, id => GrainFactory.GetGrain<IResourceGrain>(id).DeleteAsync());
        _deleted += deletions.Count;
        foreach (var change in last)
        {
            if (change.Kind == InventoryChangeKind.Deleted)
            {
                _known!.Remove(change.Id);
            }
            else
            {
                _known!.Add(change.Id);
            }
        }

        state.State.Known = [.. _known!];
        state.State.Cursor = changes[^1].Cursor;
    }

    private async Task ApplyAsync(IReadOnlyList<InventoryResource> resources)
    {
        var source = Source;
        await ForEachAsync(resources, async r =>
        {
            if (await GrainFactory.GetGrain<IResourceGrain>(r.Id).ApplyInventoryAsync(new InventoryRecord(source, r.Spec, r.Observed, r.Health)))
            {
                Interlocked.Increment(ref _applied);
            }
        });
    }

    private async Task FailAsync(Exception error)
    {
        state.State.Failures++;
        state.State.LastError = error.Message;
        state.State.Cursor = null;
        var backoff = TimeSpan.FromTicks(Math.Min(
            _options.MaxRetryBackoff.Ticks,
            _options.RetryBackoff.Ticks * (1L << Math.Min(state.State.Failures - 1, 30))));
        _nextAttempt = clock.GetUtcNow() + backoff;
        LogFailed(logger, error, Source, state.State.Failures, backoff);
        if (!state.State.Stale)
        {
            var source = Source;
            await ForEachAsync([.. _known ?? []], id => GrainFactory.GetGrain<IResourceGrain>(id).SetStaleAsync(source, true));
            state.State.Stale = true;
        }

        await state.WriteStateAsync();
    }

    private async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> action)
    {
        for (var i = 0; i < items.Count; i += _options.Parallelism)
        {
            await Task.WhenAll(items.Skip(i).Take(_options.Parallelism).Select(action));
        }
    }

    private InventorySyncStatus Status() => new(
        Source,
        _known?.Count ?? state.State.Known.Length,
        state.State.Stale,
        state.State.LastSuccessAt,
        state.State.Failures,
        state.State.LastError,
        _nextAttempt,
        Interlocked.Read(ref _applied),
        _deleted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inventory source {Source} listed: {Count} resources, {Gone} deleted")]
    private static partial void LogListed(ILogger logger, string source, int count, int gone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inventory source {Source} failed ({Failures} in a row); its resources are stale, next try in {Backoff}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string source, int failures, TimeSpan backoff);
}
