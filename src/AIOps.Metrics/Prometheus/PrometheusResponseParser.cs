using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AIOps.Estate.Metrics;

namespace AIOps.Metrics.Prometheus;

/// <summary>Reads the JSON envelope of Prometheus' HTTP API and a <c>matrix</c> result.</summary>
internal static class PrometheusResponseParser
{
    public static IReadOnlyList<MetricSeries> ParseMatrix(byte[] body, HttpStatusCode status, Uri endpoint)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new PrometheusQueryException($"{endpoint} answered {(int)status} with a body that is not JSON: {Preview(body)}", null, status);
        }

        using (document)
        {
            var root = document.RootElement;
            var outcome = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) ? s.GetString() : null;
            if (outcome == "error")
            {
                var errorType = root.TryGetProperty("errorType", out var t) ? t.GetString() : null;
                var error = root.TryGetProperty("error", out var m) ? m.GetString() : null;
                throw new PrometheusQueryException($"Prometheus rejected the query ({errorType ?? "no errorType"}, HTTP {(int)status}): {error}", errorType, status);
            }

            if (outcome != "success" || !root.TryGetProperty("data", out var data))
            {
                throw new PrometheusQueryException($"{endpoint} answered {(int)status} without Prometheus' status/data envelope: {Preview(body)}", null, status);
            }

            var resultType = data.TryGetProperty("resultType", out var rt) ? rt.GetString() : null;
            if (resultType != "matrix")
            {
                throw new PrometheusQueryException($"Expected a matrix result from query_range, got '{resultType}'.", null, status);
            }

            var result = data.GetProperty("result");
            var series = new List<MetricSeries>(result.GetArrayLength());
            foreach (var item in result.EnumerateArray())
            {
                series.Add(ReadSeries(item));
            }

            return series;
        }
    }

    private static MetricSeries ReadSeries(JsonElement item)
    {
        var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var name = "";
        foreach (var label in item.GetProperty("metric").EnumerateObject())
        {
            if (label.Name == "__name__")
            {
                name = label.Value.GetString() ?? "";
            }
            else
            {
                labels[label.Name] = label.Value.GetString() ?? "";
            }
        }

        var points = ImmutableArray.CreateBuilder<MetricPoint>();
        if (item.TryGetProperty("values", out var values))
        {
            points.Capacity = values.GetArrayLength();
            foreach (var pair in values.EnumerateArray())
            {
                points.Add(ReadPoint(pair));
            }
        }

        return new MetricSeries(name, labels.ToImmutable(), points.MoveToImmutable());
    }

    internal static MetricPoint ReadPoint(JsonElement pair)
    {
        // [1435781451.781, "1"]: the time is a JSON number of seconds with millisecond decimals; decimal keeps it exact.
        var milliseconds = (long)Math.Round(pair[0].GetDecimal() * 1000m, MidpointRounding.AwayFromZero);
        return new MetricPoint(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), ParseValue(pair[1].GetString()));
    }

    /// <summary>Prometheus sends values as Go-formatted strings: <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c> or a float.</summary>
    internal static double ParseValue(string? text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        null => throw new FormatException("A sample value is missing."),
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Preview(byte[] body) =>
        Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
}
