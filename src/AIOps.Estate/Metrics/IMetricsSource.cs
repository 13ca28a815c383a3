namespace AIOps.Estate.Metrics;

/// <summary>Where agents read metrics from: Prometheus' HTTP API (<c>query_range</c>) or the simulated estate.</summary>
public interface IMetricsSource
{
    /// <summary>The series matching the query, each with its points at the query's step.</summary>
    Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(MetricQuery query, CancellationToken cancellationToken);
}

/// <summary>Where the platform keeps metrics: the embedded in-process store or InfluxDB.</summary>
public interface ITimeSeriesStore : IMetricsSource
{
    /// <summary>Stores samples; implementations batch, so a returned call means accepted, not necessarily flushed.</summary>
    ValueTask WriteAsync(IReadOnlyList<MetricSample> samples, CancellationToken cancellationToken);

    /// <summary>Sends whatever is batched and waits until it is stored.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
