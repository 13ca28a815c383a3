using System.Collections.Immutable;
using System.Net.Http.Json;
using System.Text.Json;
using AIOps.Estate.Metrics;
using AIOps.Metrics.Prometheus;
using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>A silo configured for InfluxDB writes its simulated metrics through InfluxDB.Client into a real VictoriaMetrics, and reads them back from it as its Prometheus source.</summary>
public sealed class MetricsPipelineTests
{
    [Fact]
    public async Task TheSiloWritesItsMetricsThroughTheInfluxWriterAndReadsThemBackThroughThePrometheusApi()
    {
        await using var victoria = await VictoriaMetricsServer.StartAsync(["-influxSkipSingleField"]);
        await using var silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Metrics__Influx__Url"] = victoria.BaseAddress.ToString(),
            ["Metrics__Influx__FlushInterval"] = "00:00:01",
            ["Metrics__Prometheus__BaseAddress"] = victoria.BaseAddress.ToString(),
            ["Metrics__CollectInterval"] = "00:00:01",
        });

        // What VictoriaMetrics holds, read directly through its Prometheus-compatible API.
        using var http = new HttpClient();
        var source = new PrometheusMetricsSource(http, new PrometheusOptions { BaseAddress = victoria.BaseAddress });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        IReadOnlyList<MetricSeries> stored = [];
        while (stored.Count == 0 && DateTime.UtcNow < deadline)
        {
            await victoria.ForceFlushAsync(http);
            var now = DateTimeOffset.UtcNow;
            stored = await source.QueryRangeAsync(new MetricQuery("aiops_cost_per_hour", ImmutableSortedDictionary<string, string>.Empty, now.AddMinutes(-2), now, TimeSpan.FromSeconds(5)), CancellationToken.None);
            await Task.Delay(500);
        }

        Assert.True(stored.Count > 10, "no cost series reached VictoriaMetrics:\n" + silo.Output);
        var one = stored.First(s => s.Labels.ContainsKey("resource_id"));
        Assert.True(one.Labels.ContainsKey("kind") && one.Labels.ContainsKey("team"));

        // The silo's own query endpoint reads the same series back from there.
        var resource = one.Labels["resource_id"];
        var viaSilo = await silo.Http.GetFromJsonAsync<JsonElement[]>(
            $"/api/metrics/query_range?metric=aiops_cost_per_hour&resource={Uri.EscapeDataString(resource)}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-2).ToString("O"))}&step=5s");
        var points = Assert.Single(viaSilo!).GetProperty("points").EnumerateArray().ToList();
        Assert.NotEmpty(points);
        Assert.Equal(one.Points[^1].Value, points[^1].GetProperty("value").GetDouble(), 6);
    }
}
