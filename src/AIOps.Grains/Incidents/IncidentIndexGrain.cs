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

    /// <inheritdoc />
    public async Task PutAsync(IncidentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (state.State.Incidents.TryGetValue(summary.Id, out var stored) && (stored == summary || stored.UpdatedAt > summary.UpdatedAt))
        {
            return;
        }

        state.State.Incidents[summary.Id] = summary;
        await state.WriteStateAsync();
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
