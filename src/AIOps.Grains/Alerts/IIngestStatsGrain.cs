using System.Collections.Immutable;

namespace AIOps.Grains.Alerts;

/// <summary>
/// The cluster's ingestion counters: every silo adds the deltas it counted (about once a second), so the sums cover
/// every silo. Counter names are <c>source/counter</c>, e.g. <c>alertmanager/notifications</c>,
/// <c>alertmanager/rejected.malformed</c>. Keyed 0.
/// </summary>
[Alias("aiops.ingest-stats")]
public interface IIngestStatsGrain : IGrainWithIntegerKey
{
    /// <summary>Adds one silo's deltas.</summary>
    [Alias("add")] Task AddAsync(ImmutableDictionary<string, long> deltas);

    /// <summary>The sums so far.</summary>
    [Alias("get")] Task<ImmutableDictionary<string, long>> GetAsync();
}
