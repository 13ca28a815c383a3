using System.Text.Json;
using AIOps.Estate.Metrics;
using AIOps.Testing;

namespace AIOps.Metrics.Tests;

/// <summary>Reads raw points back from VictoriaMetrics' <c>/api/v1/export</c> (one JSON object per series and line).</summary>
internal static class VictoriaMetricsExport
{
    public static async Task<List<(Dictionary<string, string> Labels, List<MetricPoint> Points)>> ReadAsync(VictoriaMetricsServer server, HttpClient http, string selector)
    {
        await server.ForceFlushAsync(http);
        var uri = new Uri(server.BaseAddress, "api/v1/export?match[]=" + Uri.EscapeDataString(selector));
        var body = await http.GetStringAsync(uri);
        var result = new List<(Dictionary<string, string>, List<MetricPoint>)>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            var labels = document.RootElement.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            var values = document.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
            var times = document.RootElement.GetProperty("timestamps").EnumerateArray().Select(v => v.GetInt64()).ToList();
            result.Add((labels, [.. times.Zip(values, (t, v) => new MetricPoint(DateTimeOffset.FromUnixTimeMilliseconds(t), v)).OrderBy(p => p.Timestamp)]));
        }

        return result;
    }
}
