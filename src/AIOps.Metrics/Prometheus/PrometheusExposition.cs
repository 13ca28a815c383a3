using System.Buffers;
using System.Globalization;
using AIOps.Estate.Metrics;

namespace AIOps.Metrics.Prometheus;

/// <summary>
/// Renders samples in the Prometheus text exposition format 0.0.4 (content type <see cref="ContentType"/>): every metric a gauge,
/// the latest sample per series, metrics and series in ordinal order so the same input always gives the same bytes.
/// </summary>
/// <remarks>
/// Sample timestamps are not written: Prometheus then stamps each sample with the scrape time, which keeps its staleness
/// handling working (a series that disappears from the page ends at the next scrape instead of lingering for five minutes).
/// </remarks>
public static class PrometheusExposition
{
    /// <summary>The content type of the text format this class writes.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Writes the page to a text writer.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="samples">Samples; for series present more than once, the one with the latest timestamp wins.</param>
    /// <param name="help">Help text of a metric, or null for none (no <c># HELP</c> line is written then).</param>
    public static void Write(TextWriter writer, IEnumerable<MetricSample> samples, Func<string, string?>? help = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var metric in Latest(samples))
        {
            if (!PromQl.IsMetricName(metric.Key))
            {
                throw new ArgumentException($"'{metric.Key}' is not a valid Prometheus metric name.", nameof(samples));
            }

            var text = help?.Invoke(metric.Key);
            if (text is not null)
            {
                writer.Write("# HELP ");
                writer.Write(metric.Key);
                writer.Write(' ');
                WriteEscaped(writer, text, escapeQuote: false);
                writer.Write('\n');
            }

            writer.Write("# TYPE ");
            writer.Write(metric.Key);
            writer.Write(" gauge\n");
            foreach (var sample in metric.Value.Values)
            {
                WriteSample(writer, sample);
            }
        }
    }

    /// <summary>Writes the page as UTF-8 to a buffer writer, e.g. ASP.NET Core's <c>HttpResponse.BodyWriter</c> (flush it afterwards).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="samples">Samples; for series present more than once, the one with the latest timestamp wins.</param>
    /// <param name="help">Help text of a metric, or null for none.</param>
    public static void Write(IBufferWriter<byte> output, IEnumerable<MetricSample> samples, Func<string, string?>? help = null)
    {
        using var writer = new Utf8BufferTextWriter(output);
        Write(writer, samples, help);
        writer.Flush();
    }

    /// <summary>Formats a value the way Prometheus reads it back: <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c> or a round-trippable float.</summary>
    public static string FormatValue(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static SortedDictionary<string, SortedDictionary<string, MetricSample>> Latest(IEnumerable<MetricSample> samples)
    {
        var metrics = new SortedDictionary<string, SortedDictionary<string, MetricSample>>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (!metrics.TryGetValue(sample.Metric, out var series))
            {
                series = new SortedDictionary<string, MetricSample>(StringComparer.Ordinal);
                metrics.Add(sample.Metric, series);
            }

            var key = LabelKey(sample);
            if (!series.TryGetValue(key, out var existing) || existing.Timestamp <= sample.Timestamp)
            {
                series[key] = sample;
            }
        }

        return metrics;
    }

    // Labels are already ordinally sorted (ImmutableSortedDictionary); \u0001 and \u0000 cannot occur in valid label names.
    private static string LabelKey(MetricSample sample) =>
        string.Join('\u0001', sample.Labels.Select(l => l.Key + "\u0000" + l.Value));

    private static void WriteSample(TextWriter writer, MetricSample sample)
    {
        writer.Write(sample.Metric);
        var first = true;
        foreach (var (name, value) in sample.Labels)
        {
            if (!PromQl.IsLabelName(name))
            {
                throw new ArgumentException($"'{name}' on {sample.Metric} is not a valid Prometheus label name.", nameof(sample));
            }

            writer.Write(first ? '{' : ',');
            writer.Write(name);
            writer.Write("=\"");
            WriteEscaped(writer, value, escapeQuote: true);
            writer.Write('"');
            first = false;
        }

        if (!first)
        {
            writer.Write('}');
        }

        writer.Write(' ');
        writer.Write(FormatValue(sample.Value));
        writer.Write('\n');
    }

    // Label values escape backslash, double quote and line feed; HELP text escapes backslash and line feed only.
    private static void WriteEscaped(TextWriter writer, string text, bool escapeQuote)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var escape = c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '"' when escapeQuote => "\\\"",
                _ => null,
            };
            if (escape is not null)
            {
                writer.Write(text.AsSpan(start, i - start));
                writer.Write(escape);
                start = i + 1;
            }
        }

        writer.Write(text.AsSpan(start));
    }
}
