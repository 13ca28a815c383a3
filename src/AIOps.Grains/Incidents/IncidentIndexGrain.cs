using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;
using AIOps.Grains.Catalog;
using AIOps.Grains.Journal;
using Microsoft.Extensions.Logging;

namespace AIOps.Grains.Incidents;

/// <summary>
/// The incident listing. One activation per cluster; incident grains push their summary after every change, so
/// listing never activates every incident.
/// </summary>
public sealed partial class IncidentIndexGrain(
    [PersistentState("incident-index", StorageNames.Grains)] IPersistentState<IncidentIndexState> state,
    IEventJournal journal,
    TimeProvider clock,
    ILogger<IncidentIndexGrain> logger)
    : Grain, IIncidentIndexGrain
{
    /// <summary>Largest page a query may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>
    /// How long an update may wait before the index is written. The incidents' journals are the record: after a crash
    /// the index reads back the incidents journaled since it was last written (<see cref="OnActivateAsync"/>).
    /// </summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(500);

    private bool _dirty;
    private IGrainTimer? _flush;
    private IGrainTimer? _recovery;
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public Task PutAsync(IncidentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        // Resources compare by content (ImmutableArray equality is by reference, and a summary that crossed a grain
        // call is a new array); a listing stored before resources were kept gets them on its next put.
        if (state.State.Incidents.TryGetValue(summary.Id, out var stored)
            && (stored.UpdatedAt > summary.UpdatedAt
                || ((stored with { Resources = summary.Resources }) == summary && SameResources(stored.Resources, summary.Resources))))
        {
            return Task.CompletedTask;
        }

        state.State.Incidents[summary.Id] = summary;
        if (!_dirty)
        {
            // Writes are grouped: an alert storm updates many incidents a second, and each write stores the whole index.
            _dirty = true;
            _flush ??= this.RegisterGrainTimer(static (grain, _) => grain.FlushAsync(), this, new GrainTimerCreationOptions(FlushDelay, FlushDelay));
        }

        return Task.CompletedTask;
    }

    private static bool SameResources(ImmutableArray<string> a, ImmutableArray<string> b) =>
        (a.IsDefault ? [] : a).SequenceEqual(b.IsDefault ? [] : b, StringComparer.Ordinal);

    /// <summary>
    /// Lists again, in the background, the incidents journaled since the index was last written (what a crash can have
    /// lost). Not in the activation itself: the incident that activated the index may be waiting for it.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _recovery = this.RegisterGrainTimer(static (grain, _) => grain.RecoverAsync(), this,
            new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
        return Task.CompletedTask;
    }

    private async Task RecoverAsync()
    {

        // A minute of margin for clocks (listing an incident again is harmless); an index never written reads them all.
        var since = state.State.WrittenAt == default ? DateTimeOffset.MinValue : state.State.WrittenAt - TimeSpan.FromMinutes(1);
        var recovered = 0;
        try
        {
            foreach (var id in await journal.ChangedSinceAsync(IncidentGrain.Kind, since))
            {
                var summary = IncidentGrain.SummaryOf(await GrainFactory.GetGrain<IIncidentGrain>(id).GetAsync());
                if (!state.State.Incidents.TryGetValue(id, out var listed) || listed.UpdatedAt < summary.UpdatedAt)
                {
                    state.State.Incidents[id] = summary;
                    recovered++;
                }
            }
        }
        finally
        {
            // Disposing the timer earlier would cancel this callback.
            _recovered.TrySetResult();
            _recovery?.Dispose();
            _recovery = null;
        }

        if (recovered > 0)
        {
            LogRecovered(logger, recovered);
            _dirty = true;
            await FlushAsync();
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await FlushAsync();

    private async Task FlushAsync()
    {
        if (_dirty)
        {
            _dirty = false;
            state.State.WrittenAt = clock.GetUtcNow();
            await state.WriteStateAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident index: still reading back incidents journaled since its last write; answering with what it has")]
    private static partial void LogRecoverySlow(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident index: {Count} incidents journaled since it was last written are listed again")]
    private static partial void LogRecovered(ILogger logger, int count);

    /// <inheritdoc />
    public async Task<IncidentPage> QueryAsync(IncidentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);

        // Right after activation, wait (briefly) for the incidents a crash may have dropped from the listing.
        try
        {
            await _recovered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            LogRecoverySlow(logger);
        }

        if (query.Offset < 0)
        {
            throw new ValidationException("offset", "must be 0 or more");
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            throw new ValidationException("limit", $"must be between 1 and {MaxLimit}");
        }

        var teams = TeamNames.NormalizeScope(query.Teams);
        var matching = state.State.Incidents.Values
            .Where(i => query.Status is null || i.Status == query.Status)
            .Where(i => query.MinSeverity is null || i.Severity >= query.MinSeverity)
            .Where(i => TeamNames.InScope(teams, i.Team))
            .Where(i => query.Resource is null || (!i.Resources.IsDefault && i.Resources.Contains(query.Resource, StringComparer.Ordinal)))
            .OrderByDescending(i => i.DetectedAt)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(query.Offset).Take(query.Limit).ToArray();
        return new IncidentPage(page, matching.Count, query.Offset, query.Limit);
    }
}
