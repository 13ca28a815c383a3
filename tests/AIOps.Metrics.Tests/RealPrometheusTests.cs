using System.Net;
using System.Net.Sockets;
using AIOps.Estate.Metrics;
using AIOps.Metrics.Prometheus;
using AIOps.Testing;
using static AIOps.Metrics.Tests.Samples;

namespace AIOps.Metrics.Tests;

/// <summary>A real Prometheus (Debian's <c>prometheus</c>) scraping an exposition endpoint, read back through <see cref="PrometheusMetricsSource"/>.</summary>
public sealed class RealPrometheusTests : IAsyncLifetime
{
    private const string Weird = "k8s:prod:deployment/shop \"cart\" \\ v2\nnext";
    private readonly ExpositionEndpoint _endpoint = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private PrometheusServer? _prometheus;

    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        _endpoint.Publish(
        [
            Sample("aiops_cpu_utilization_ratio", now, 0.625, ("resource_id", "aws:ec2:eu-west-1:i-0abc")),
            Sample("aiops_cpu_utilization_ratio", now, 0.03125, ("resource_id", Weird)),
            Sample("aiops_queue_depth", now, double.NaN, ("kind", "nan")),
            Sample("aiops_queue_depth", now, double.PositiveInfinity, ("kind", "pinf")),
            Sample("aiops_queue_depth", now, -1.5e300, ("kind", "huge")),
        ]);
        _prometheus = await PrometheusServer.StartAsync([$"127.0.0.1:{_endpoint.Port}"], TimeSpan.FromSeconds(1), jobName: "aiops-test");
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        await _endpoint.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task ScrapedSamplesReadBackThroughTheSourceWithTheirValuesAndLabels()
    {
        var source = new PrometheusMetricsSource(_http, new PrometheusOptions { BaseAddress = _prometheus!.BaseAddress });

        var cpu = await WaitForSeriesAsync(source, "aiops_cpu_utilization_ratio", Labels(), expected: 2);
        var weird = await WaitForSeriesAsync(source, "aiops_cpu_utilization_ratio", Labels(("resource_id", Weird)), expected: 1);
        var depth = await WaitForSeriesAsync(source, "aiops_queue_depth", Labels(), expected: 3);

        Assert.Equal(0.625, cpu.Single(s => s.Labels["resource_id"] == "aws:ec2:eu-west-1:i-0abc").Points[^1].Value);
        var only = Assert.Single(weird);
        Assert.Equal(Weird, only.Labels["resource_id"]);
        Assert.Equal("aiops-test", only.Labels["job"]);
        Assert.Equal($"127.0.0.1:{_endpoint.Port}", only.Labels["instance"]);
        Assert.Equal("aiops_cpu_utilization_ratio", only.Metric);
        Assert.Equal(0.03125, only.Points[^1].Value);
        Assert.True(double.IsNaN(depth.Single(s => s.Labels["kind"] == "nan").Points[^1].Value));
        Assert.Equal(double.PositiveInfinity, depth.Single(s => s.Labels["kind"] == "pinf").Points[^1].Value);
        Assert.Equal(-1.5e300, depth.Single(s => s.Labels["kind"] == "huge").Points[^1].Value);
    }

    [Fact]
    public async Task PointsComeAtTheRequestedStepAndFollowChangesOnThePage()
    {
        var source = new PrometheusMetricsSource(_http, new PrometheusOptions { BaseAddress = _prometheus!.BaseAddress });
        await WaitForSeriesAsync(source, "aiops_cpu_utilization_ratio", Labels(), expected: 2, minimumPoints: 5);
        _endpoint.Publish([Sample("aiops_cpu_utilization_ratio", DateTimeOffset.UtcNow, 0.875, ("resource_id", "aws:ec2:eu-west-1:i-0abc"))]);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        MetricSeries? series = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var end = DateTimeOffset.UtcNow;
            series = (await source.QueryRangeAsync(new MetricQuery("aiops_cpu_utilization_ratio", Labels(("resource_id", "aws:ec2:eu-west-1:i-0abc")), end.AddSeconds(-20), end, TimeSpan.FromSeconds(2)), default)).Single();
            if (series.Points[^1].Value == 0.875)
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.NotNull(series);
        Assert.Equal(0.875, series.Points[^1].Value);
        Assert.Contains(series.Points, p => p.Value == 0.625);
        Assert.All(series.Points.Zip(series.Points.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(2), pair.Second.Timestamp - pair.First.Timestamp));
    }

    [Fact]
    public async Task PrometheusErrorsSurfaceWithTheirTypeAndMessage()
    {
        var source = new PrometheusMetricsSource(_http, new PrometheusOptions { BaseAddress = _prometheus!.BaseAddress });
        var end = DateTimeOffset.UtcNow;

        // 100,000 points per series is over Prometheus' limit of 11,000: a bad_data error from the real server.
        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() =>
            source.QueryRangeAsync(new MetricQuery("up", Labels(), end.AddSeconds(-100_000), end, TimeSpan.FromSeconds(1)), default));

        Assert.Equal("bad_data", error.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("11,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatDoesNotAnswerInTimeGivesATimeoutNamingTheSetting()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var source = new PrometheusMetricsSource(_http, new PrometheusOptions { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMilliseconds(300) });
        var end = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            source.QueryRangeAsync(new MetricQuery("up", Labels(), end.AddMinutes(-1), end, TimeSpan.FromSeconds(1)), default));

        Assert.Contains("Metrics:Prometheus:Timeout", error.Message, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<MetricSeries>> WaitForSeriesAsync(PrometheusMetricsSource source, string metric, System.Collections.Immutable.ImmutableSortedDictionary<string, string> matchers, int expected, int minimumPoints = 1)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var end = DateTimeOffset.UtcNow;
            var series = await source.QueryRangeAsync(new MetricQuery(metric, matchers, end.AddMinutes(-1), end, TimeSpan.FromSeconds(1)), default);
            if (series.Count == expected && series.All(s => s.Points.Length >= minimumPoints))
            {
                return series;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Prometheus had {series.Count} series of {metric} after 30 s, expected {expected}.");
            }

            await Task.Delay(250);
        }
    }
}
