using System.Collections.Immutable;

namespace AIOps.Estate.Metrics;

/// <summary>One value of one series at one time.</summary>
/// <param name="Metric">Metric name in Prometheus style, e.g. <c>aiops_cpu_utilization_ratio</c>.</param>
/// <param name="Labels">Labels of the series; <c>resource_id</c> names the managed resource.</param>
/// <param name="Timestamp">When it was measured.</param>
/// <param name="Value">The value.</param>
public sealed record MetricSample(string Metric, ImmutableSortedDictionary<string, string> Labels, DateTimeOffset Timestamp, double Value);

/// <summary>A series over a time range, as a range query returns it.</summary>
/// <param name="Metric">Metric name.</param>
/// <param name="Labels">Labels of the series.</param>
/// <param name="Points">Values in time order.</param>
public sealed record MetricSeries(string Metric, ImmutableSortedDictionary<string, string> Labels, ImmutableArray<MetricPoint> Points);

/// <summary>A timestamped value.</summary>
/// <param name="Timestamp">When.</param>
/// <param name="Value">The value.</param>
public readonly record struct MetricPoint(DateTimeOffset Timestamp, double Value);

/// <summary>A range query: one metric, label equality matchers, a time range and a resolution.</summary>
/// <param name="Metric">Metric name.</param>
/// <param name="Matchers">Labels that must be equal (e.g. <c>resource_id</c>); empty for every series.</param>
/// <param name="From">Start (inclusive).</param>
/// <param name="To">End (inclusive).</param>
/// <param name="Step">Resolution of the returned points.</param>
public sealed record MetricQuery(string Metric, ImmutableSortedDictionary<string, string> Matchers, DateTimeOffset From, DateTimeOffset To, TimeSpan Step);
