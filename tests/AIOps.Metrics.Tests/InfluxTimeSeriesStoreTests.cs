using System.Globalization;
using AIOps.Estate.Metrics;
using AIOps.Metrics.Influx;
using AIOps.Testing;
using Microsoft.Extensions.Time.Testing;
using static AIOps.Metrics.Tests.Samples;

namespace AIOps.Metrics.Tests;

/// <summary>The InfluxDB writer against a real VictoriaMetrics (Debian's <c>victoria-metrics</c>) on its <c>/api/v2/write</c>.</summary>
public sealed class InfluxTimeSeriesStoreTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private VictoriaMetricsServer? _vm;

    public async Task InitializeAsync() => _vm = await VictoriaMetricsServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_vm is not null)
        {
            await _vm.DisposeAsync();
        }

        _http.Dispose();
    }

    [Fact]
    public async Task PointsWrittenThroughTheClientReadBackFromVictoriaMetricsWithExactValuesTimestampsAndLabels()
    {
        await using var store = new InfluxTimeSeriesStore(new InfluxOptions { Url = _vm!.BaseAddress, Token = "unused", BatchSize = 100 });
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds() / 1000 * 1000 + 123);
        string[] resources = ["aws:ec2:eu-west-1:i-0abc", "k8s:prod:deployment/shop cart,v=2", "tf:ws\\main:null"];
        var written = new List<MetricSample>();
        for (var i = 0; i < 250; i++)
        {
            written.Add(Sample("aiops_cpu_utilization_ratio", start.AddMilliseconds(1_001 * i), Value(i), ("resource_id", resources[i % 3]), ("team", "sre")));
        }

        await store.WriteAsync(written, default);
        await store.FlushAsync(default);

        var exported = await VictoriaMetricsExport.ReadAsync(_vm, _http, "{__name__=\"aiops_cpu_utilization_ratio_value\"}");
        Assert.Equal(resources.Order(StringComparer.Ordinal), exported.Select(s => s.Labels["resource_id"]).Order(StringComparer.Ordinal));
        foreach (var (labels, points) in exported)
        {
            Assert.Equal("sre", labels["team"]);
            var expected = written.Where(w => w.Labels["resource_id"] == labels["resource_id"]).Select(w => new MetricPoint(w.Timestamp, w.Value));
            Assert.Equal(expected, points);
        }

        Assert.Equal(new InfluxWriterStatistics(250, 0, 0, 0, null), store.Statistics);
    }

    // VictoriaMetrics keeps values as a decimal mantissa and exponent: a float with 17 significant digits (0.1 * 3 =
    // 0.30000000000000004) comes back rounded. Values with up to 12 significant digits round-trip exactly.
    private static double Value(int i) => Math.Round((i * 0.001) + 1e-9, 9);

    [Fact]
    public async Task FullBatchesAreSentByTheWriteThatFillsThemAndTheRestByFlush()
    {
        await using var store = new InfluxTimeSeriesStore(new InfluxOptions { Url = _vm!.BaseAddress, BatchSize = 100, FlushInterval = TimeSpan.FromHours(1) });
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);

        await store.WriteAsync([.. Enumerable.Range(0, 250).Select(i => Sample("batched", start.AddSeconds(i), i))], default);

        Assert.Equal(200, store.Statistics.WrittenPoints);
        Assert.Equal(50, store.Statistics.BufferedPoints);
        await store.FlushAsync(default);
        Assert.Equal(250, store.Statistics.WrittenPoints);
        var series = Assert.Single(await VictoriaMetricsExport.ReadAsync(_vm, _http, "{__name__=\"batched_value\"}"));
        Assert.Equal(250, series.Points.Count);
    }

    [Fact]
    public async Task APartBatchIsSentWhenTheFlushIntervalElapses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var store = new InfluxTimeSeriesStore(new InfluxOptions { Url = _vm!.BaseAddress, BatchSize = 1_000, FlushInterval = TimeSpan.FromSeconds(5) }, time);
        await store.WriteAsync([Sample("timed", DateTimeOffset.UtcNow.AddMinutes(-1), 42)], default);
        Assert.Equal(0, store.Statistics.WrittenPoints);

        time.Advance(TimeSpan.FromSeconds(5));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (store.Statistics.WrittenPoints == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, store.Statistics.WrittenPoints);
        Assert.Equal(42, Assert.Single(Assert.Single(await VictoriaMetricsExport.ReadAsync(_vm, _http, "{__name__=\"timed_value\"}")).Points).Value);
    }

    [Fact]
    public async Task AFailedFlushKeepsThePointsAndNonFiniteValuesAreSkipped()
    {
        var closedPort = FreePort.Next();
        await using var store = new InfluxTimeSeriesStore(new InfluxOptions { Url = new Uri($"http://127.0.0.1:{closedPort}/"), BatchSize = 10, MaxBufferedPoints = 10, FlushInterval = TimeSpan.FromHours(1) });
        var now = DateTimeOffset.UtcNow;

        await store.WriteAsync([.. Enumerable.Range(0, 5).Select(i => Sample("lost", now.AddSeconds(i), i)), Sample("lost", now, double.NaN)], default);
        await Assert.ThrowsAnyAsync<Exception>(() => store.FlushAsync(default));

        Assert.Equal(new InfluxWriterStatistics(0, 5, 0, 1, null), store.Statistics);
        await Assert.ThrowsAnyAsync<Exception>(async () => await store.WriteAsync([.. Enumerable.Range(5, 10).Select(i => Sample("lost", now.AddSeconds(i), i.ToString(CultureInfo.InvariantCulture).Length))], default));
        Assert.Equal(5, store.Statistics.DroppedPoints);
        Assert.Equal(10, store.Statistics.BufferedPoints);
    }

    [Fact]
    public async Task ReadingIsNotSupportedAndSaysWhereToReadFrom()
    {
        await using var store = new InfluxTimeSeriesStore(new InfluxOptions { Url = _vm!.BaseAddress });

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => store.QueryRangeAsync(new MetricQuery("x", Labels(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1)), default));

        Assert.Contains("PrometheusMetricsSource", error.Message, StringComparison.Ordinal);
    }
}
