using System.Collections.Immutable;
using AIOps.Abstractions;

namespace AIOps.Grains.Alerts;

/// <summary>Sums the ingestion counters of every silo and keeps them across restarts (grain storage).</summary>
public sealed class IngestStatsGrain(
    [PersistentState("ingest-stats", StorageNames.Grains)] IPersistentState<IngestStatsState> state) : Grain, IIngestStatsGrain
{
    /// <inheritdoc />
    public async Task AddAsync(ImmutableDictionary<string, long> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        if (deltas.IsEmpty)
        {
            return;
        }

        var counters = state.State.Counters;
        foreach (var (name, delta) in deltas)
        {
            counters[name] = counters.GetValueOrDefault(name) + delta;
        }

        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<ImmutableDictionary<string, long>> GetAsync() =>
        Task.FromResult(state.State.Counters.ToImmutableDictionary(StringComparer.Ordinal));
}
