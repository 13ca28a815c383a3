using System.Collections.Immutable;
using AIOps.Estate.Metrics;
using AIOps.Simulation.Estate;

namespace AIOps.Simulation.Metrics;

/// <summary>Range queries over the metric model, like Prometheus' <c>query_range</c> with equality matchers.</summary>
public sealed class SimulatedMetricsSource : IMetricsSource
{
    /// <summary>Most points one series may have (Prometheus' limit).</summary>
    public const int MaxPointsPerSeries = 11_000;

    private readonly SimulatedEstate _estate;

    internal SimulatedMetricsSource(SimulatedEstate estate) => _estate = estate;

    /// <inheritdoc/>
    public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Step <= TimeSpan.Zero)
        {
            throw new ArgumentException("Step must be positive.", nameof(query));
        }

        if (query.To < query.From)
        {
            throw new ArgumentException("The range ends before it starts.", nameof(query));
        }

        if ((query.To - query.From) / query.Step > MaxPointsPerSeries)
        {
            throw new ArgumentException($"The query would return more than {MaxPointsPerSeries} points per series; use a coarser step.", nameof(query));
        }

        var result = new List<MetricSeries>();
        lock (_estate.SyncRoot)
        {
            _estate.AdvanceLocked();
            IEnumerable<SimResource> candidates = query.Matchers.TryGetValue("resource_id", out var id)
                ? _estate.Find(id) is { } one ? [one] : []
                : _estate.AllResources.OrderBy(r => r.Id, StringComparer.Ordinal);
            foreach (var r in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!MetricNames.ForKind(r.Kind).Contains(query.Metric) || !Matches(r.Labels, query.Matchers))
                {
                    continue;
                }

                var points = ImmutableArray.CreateBuilder<MetricPoint>();
                for (var t = query.From; t <= query.To; t += query.Step)
                {
                    if (r.ExistsAt(t))
                    {
                        points.Add(new MetricPoint(t, _estate.Model.Compute(r, t).Get(query.Metric)));
                    }
                }

                result.Add(new MetricSeries(query.Metric, r.Labels, points.ToImmutable()));
            }
        }

        return Task.FromResult<IReadOnlyList<MetricSeries>>(result);
    }

    private static bool Matches(ImmutableSortedDictionary<string, string> labels, ImmutableSortedDictionary<string, string> matchers)
    {
        foreach (var (key, value) in matchers)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }
}
