using System.Collections.Immutable;
using AIOps.Estate.Metrics;

namespace AIOps.Metrics.Embedded;

/// <summary>
/// The in-process default store: bounded, downsampled, thread-safe. Each series keeps raw points for
/// <see cref="EmbeddedStoreOptions.RawRetention"/> and, written at the same time, averages per downsampling tier
/// (by default one-minute buckets for a day and five-minute buckets for a week).
/// </summary>
/// <remarks>
/// <para>Bounds: at most <see cref="EmbeddedStoreOptions.MaxSeries"/> series; a new series beyond that evicts the series written
/// least recently. Per series, raw points beyond <see cref="EmbeddedStoreOptions.MaxRawPointsPerSeries"/> or older than the raw
/// retention are dropped oldest first, and buckets older than their tier's retention likewise (checked on every write).</para>
/// <para>Writes must move forward in time per series, as in Prometheus: a sample not newer than its series' newest point is
/// rejected (counted in <see cref="Statistics"/>), which keeps every buffer append-only. Timestamps are kept to the millisecond.</para>
/// <para>Queries: for each series the finest level that still holds everything from the query's start is read (raw, then the
/// tiers in order; the coarsest when none does). Output points are at <c>From + k·Step</c> up to <c>To</c>; the point at
/// <c>t</c> is the average of the stored values in <c>[t, t + Step)</c> (bucket averages weighted by their counts, a bucket
/// counted by its start), clipped to the query range. Steps without data are left out.</para>
/// </remarks>
public sealed class EmbeddedTimeSeriesStore : ITimeSeriesStore
{
    private readonly EmbeddedStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly long[] _tierResolutions;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, StoredSeries>> _byMetric = new(StringComparer.Ordinal);
    private readonly LinkedList<StoredSeries> _leastRecentlyWritten = new();
    private long _evicted;
    private long _rejected;

    /// <summary>Creates an empty store.</summary>
    /// <param name="options">Bounds and tiers; validated here. Defaults when null.</param>
    /// <param name="timeProvider">Clock for retention; the system clock when null.</param>
    public EmbeddedTimeSeriesStore(EmbeddedStoreOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new EmbeddedStoreOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _tierResolutions = [.. _options.Tiers.Select(t => (long)t.Resolution.TotalMilliseconds)];
    }

    /// <summary>Current counters.</summary>
    public EmbeddedStoreStatistics Statistics
    {
        get
        {
            lock (_lock)
            {
                return new EmbeddedStoreStatistics(_leastRecentlyWritten.Count, _evicted, _rejected);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<MetricSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var rawCutoff = now - (long)_options.RawRetention.TotalMilliseconds;
        lock (_lock)
        {
            foreach (var sample in samples)
            {
                Write(sample, now, rawCutoff);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Nothing to do: writes are stored before <see cref="WriteAsync"/> returns.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Step <= TimeSpan.Zero)
        {
            throw new ArgumentException("The step must be positive.", nameof(query));
        }

        var from = query.From.ToUnixTimeMilliseconds();
        var to = query.To.ToUnixTimeMilliseconds();
        var step = Math.Max(1, (long)query.Step.TotalMilliseconds);
        var result = new List<MetricSeries>();
        if (to < from)
        {
            return Task.FromResult<IReadOnlyList<MetricSeries>>(result);
        }

        lock (_lock)
        {
            if (_byMetric.TryGetValue(query.Metric, out var series))
            {
                foreach (var s in series.Values.Where(s => Matches(s.Labels, query.Matchers)).OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    var points = Align(Source(s, from), from, to, step);
                    if (points.Length > 0)
                    {
                        result.Add(new MetricSeries(s.Metric, s.Labels, points));
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<MetricSeries>>(result);
    }

    private void Write(MetricSample sample, long now, long rawCutoff)
    {
        var time = sample.Timestamp.ToUnixTimeMilliseconds();
        var series = GetOrAdd(sample);
        if (time <= series.Newest)
        {
            _rejected++;
            return;
        }

        series.Newest = time;
        series.Raw.Append(time, sample.Value);
        series.Raw.DropBefore(rawCutoff);
        for (var i = 0; i < series.Tiers.Length; i++)
        {
            var resolution = _tierResolutions[i];
            series.Tiers[i].Accumulate(time - ((time % resolution) + resolution) % resolution, sample.Value);
            series.Tiers[i].DropBefore(now - (long)_options.Tiers[i].Retention.TotalMilliseconds);
        }

        _leastRecentlyWritten.Remove(series.LruNode);
        _leastRecentlyWritten.AddLast(series.LruNode);
    }

    private StoredSeries GetOrAdd(MetricSample sample)
    {
        if (!_byMetric.TryGetValue(sample.Metric, out var series))
        {
            series = new Dictionary<string, StoredSeries>(StringComparer.Ordinal);
            _byMetric.Add(sample.Metric, series);
        }

        var key = string.Join('\u0001', sample.Labels.Select(l => l.Key + "\u0000" + l.Value));
        if (series.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (_leastRecentlyWritten.Count >= _options.MaxSeries)
        {
            var victim = _leastRecentlyWritten.First!.Value;
            _leastRecentlyWritten.RemoveFirst();
            var siblings = _byMetric[victim.Metric];
            siblings.Remove(victim.Key);
            if (siblings.Count == 0 && !ReferenceEquals(siblings, series))
            {
                _byMetric.Remove(victim.Metric);
            }

            _evicted++;
        }

        var created = new StoredSeries(sample.Metric, sample.Labels, key, _options);
        series.Add(key, created);
        _leastRecentlyWritten.AddLast(created.LruNode);
        return created;
    }

    private static bool Matches(ImmutableSortedDictionary<string, string> labels, ImmutableSortedDictionary<string, string> matchers)
    {
        foreach (var (name, value) in matchers)
        {
            // As in PromQL, matching an empty value selects series without the label.
            if (!(labels.TryGetValue(name, out var actual) ? actual == value : value.Length == 0))
            {
                return false;
            }
        }

        return true;
    }

    private static PointRing Source(StoredSeries series, long from)
    {
        if (series.Raw.DroppedThrough < from)
        {
            return series.Raw;
        }

        foreach (var tier in series.Tiers)
        {
            if (tier.DroppedThrough < from)
            {
                return tier;
            }
        }

        return series.Tiers.Length > 0 ? series.Tiers[^1] : series.Raw;
    }

    private static ImmutableArray<MetricPoint> Align(PointRing ring, long from, long to, long step)
    {
        var points = ImmutableArray.CreateBuilder<MetricPoint>();
        var index = ring.LowerBound(from);
        while (index < ring.Count && ring.TimeAt(index) <= to)
        {
            var window = from + ((ring.TimeAt(index) - from) / step * step);
            var end = Math.Min(window + step, to + 1);
            double sum = 0;
            long count = 0;
            while (index < ring.Count && ring.TimeAt(index) < end)
            {
                sum += ring.SumAt(index);
                count += ring.CountAt(index);
                index++;
            }

            points.Add(new MetricPoint(DateTimeOffset.FromUnixTimeMilliseconds(window), sum / count));
        }

        return points.ToImmutable();
    }
}
