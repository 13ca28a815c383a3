using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AIOps.Estate.Metrics;
using AIOps.Metrics.Influx;

namespace AIOps.Benchmarks.Metrics;

/// <summary>
/// Measures the metrics write path against a running VictoriaMetrics (or InfluxDB 2): <see cref="InfluxTimeSeriesStore"/>
/// (InfluxDB.Client's async write API, writes plus a final flush) next to raw <see cref="HttpClient"/> POSTs of the same
/// points as the same line protocol, in the same batch size, to <c>/api/v2/write?precision=ms</c>. Both sides include
/// encoding. Every round writes new timestamps for the same series; an untimed warm-up creates the series first, and
/// the side that goes first alternates between rounds so neither profits from the other's warm caches.
/// </summary>
public static class InfluxWriteComparison
{
    /// <summary>Runs the comparison.</summary>
    /// <param name="server">VictoriaMetrics' (or InfluxDB's) base address.</param>
    /// <param name="points">Points per round and side.</param>
    /// <param name="batchSize">Points per request on both sides.</param>
    /// <param name="series">Distinct series the points are spread over.</param>
    /// <param name="rounds">Timed rounds per side.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<InfluxWriteComparisonResult> RunAsync(
        Uri server, int points = 200_000, int batchSize = 5_000, int series = 1_000, int rounds = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(series, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var labels = Enumerable.Range(0, series)
            .Select(i => ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                new KeyValuePair<string, string>("resource_id", "bench:vm:" + i.ToString(CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string>("region", "eu-west-" + (i % 3).ToString(CultureInfo.InvariantCulture)),
            ]))
            .ToArray();

        // Timestamps a little in the past, one millisecond apart per point, disjoint for every (round, side).
        var origin = DateTimeOffset.UtcNow.AddHours(-1);
        IReadOnlyList<MetricSample> Points(int slot) =>
            [.. Enumerable.Range(0, points).Select(i => new MetricSample(
                "aiops_bench_cpu_ratio", labels[i % series], origin.AddMilliseconds(((long)slot * points) + i), Math.Round((i % 1000) * 0.001, 3)))];

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var writeUri = new Uri(server, "api/v2/write?org=aiops&bucket=aiops&precision=ms");
        await using var store = new InfluxTimeSeriesStore(new InfluxOptions
        {
            Url = server,
            BatchSize = batchSize,
            MaxBufferedPoints = Math.Max(points, batchSize),
            FlushInterval = TimeSpan.FromHours(1),
            Timeout = TimeSpan.FromMinutes(2),
        });

        await RawAsync(http, writeUri, Points(0), batchSize, cancellationToken);
        var influx = TimeSpan.Zero;
        var raw = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++)
        {
            var influxPoints = Points(1 + (2 * round));
            var rawPoints = Points(2 + (2 * round));
            if (round % 2 == 0)
            {
                influx += await InfluxAsync(store, influxPoints, cancellationToken);
                raw += await RawAsync(http, writeUri, rawPoints, batchSize, cancellationToken);
            }
            else
            {
                raw += await RawAsync(http, writeUri, rawPoints, batchSize, cancellationToken);
                influx += await InfluxAsync(store, influxPoints, cancellationToken);
            }
        }

        var total = (double)points * rounds;
        return new InfluxWriteComparisonResult(points, batchSize, rounds, total / influx.TotalSeconds, total / raw.TotalSeconds);
    }

    private static async Task<TimeSpan> InfluxAsync(InfluxTimeSeriesStore store, IReadOnlyList<MetricSample> samples, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await store.WriteAsync(samples, cancellationToken);
        await store.FlushAsync(cancellationToken);
        return stopwatch.Elapsed;
    }

    private static async Task<TimeSpan> RawAsync(HttpClient http, Uri writeUri, IReadOnlyList<MetricSample> samples, int batchSize, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var body = new StringBuilder();
        for (var start = 0; start < samples.Count; start += batchSize)
        {
            body.Clear();
            for (var i = start; i < Math.Min(samples.Count, start + batchSize); i++)
            {
                LineProtocol.TryAppend(body, samples[i]);
            }

            using var content = new StringContent(body.ToString(), Encoding.UTF8, "text/plain");
            using var response = await http.PostAsync(writeUri, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{writeUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        return stopwatch.Elapsed;
    }
}
