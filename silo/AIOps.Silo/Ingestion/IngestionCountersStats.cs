using System.Collections.Immutable;

namespace AIOps.Silo.Ingestion;

/// <summary>The answer of <c>GET /api/ingest/stats</c>.</summary>
/// <param name="Overall">Sums over every source.</param>
/// <param name="Sources">Per source, by name.</param>
public sealed record IngestionCountersStats(IngestionCountersSourceStats Overall, IReadOnlyList<IngestionCountersSourceStats> Sources)
{
    /// <summary>Builds the view from the counters (<c>source/counter</c> to sum).</summary>
    public static IngestionCountersStats From(IReadOnlyDictionary<string, long> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var bySource = counters
            .Select(c => (Split: c.Key.Split('/', 2), c.Value))
            .Where(c => c.Split.Length == 2)
            .GroupBy(c => c.Split[0], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Build(g.Key, g.Select(c => (c.Split[1], c.Value))))
            .ToList();
        return new IngestionCountersStats(Build("*", counters.Select(c => (c.Key.Split('/', 2).Last(), c.Value))), bySource);
    }

    private static IngestionCountersSourceStats Build(string source, IEnumerable<(string Counter, long Value)> counters)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (counter, value) in counters)
        {
            sums[counter] = sums.GetValueOrDefault(counter) + value;
        }

        var rejected = sums.Where(s => s.Key.StartsWith(IngestionCounters.RejectedPrefix, StringComparison.Ordinal))
            .ToImmutableSortedDictionary(s => s.Key[IngestionCounters.RejectedPrefix.Length..], s => s.Value, StringComparer.Ordinal);
        return new IngestionCountersSourceStats(
            source,
            sums.GetValueOrDefault(IngestionCounters.Notifications),
            sums.GetValueOrDefault(IngestionCounters.NewAlerts),
            sums.GetValueOrDefault("firing"),
            sums.GetValueOrDefault("resolved"),
            sums.GetValueOrDefault("repeats"),
            rejected.Values.Sum(),
            rejected);
    }
}
