using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;
using AIOps.Grains.Catalog;

namespace AIOps.Grains.Incidents;

/// <summary>
/// The incident listing. One activation per cluster; incident grains push their summary after every change, so
/// listing never activates every incident.
/// </summary>
public sealed class IncidentIndexGrain(
    [PersistentState("incident-index", StorageNames.Grains)] IPersistentState<IncidentIndexState> state)
    : Grain, IIncidentIndexGrain
{
    /// <summary>Largest page a query may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>
    /// How long an update may wait before the index is written. The incidents' journals are the record; after a crash
    /// an incident missing from the index reappears with its next change.
    /// </summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(500);

    private bool _dirty;
    private IGrainTimer? _flush;

    /// <inheritdoc />
    public Task PutAsync(IncidentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (state.State.Incidents.TryGetValue(summary.Id, out var stored) && (stored == summary || stored.UpdatedAt > summary.UpdatedAt))
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

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await FlushAsync();

    private async Task FlushAsync()
    {
        if (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IncidentPage> QueryAsync(IncidentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
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
            .OrderByDescending(i => i.DetectedAt)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(query.Offset).Take(query.Limit).ToArray();
        return Task.FromResult(new IncidentPage(page, matching.Count, query.Offset, query.Limit));
    }
}
