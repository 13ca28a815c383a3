using System.Globalization;
using System.Text;
using AIOps.Estate.Metrics;

namespace AIOps.Metrics.Influx;

/// <summary>
/// InfluxDB line protocol for metric samples: measurement = metric name, tags = labels, one float field <see cref="Field"/>,
/// timestamp in milliseconds (precision <c>ms</c>).
/// </summary>
/// <remarks>
/// Escaping follows the line-protocol rules: commas and spaces in the measurement, commas, equals signs and spaces in tag keys
/// and values. Line protocol cannot carry a line break in a name or tag, nor an empty tag value, nor NaN or infinity:
/// line breaks are rejected, empty labels are left out (in Prometheus an empty label is the same as no label) and
/// non-finite values are not encodable (see <see cref="TryAppend"/>).
/// </remarks>
public static class LineProtocol
{
    /// <summary>Name of the single field each line carries.</summary>
    public const string Field = "value";

    /// <summary>Appends one line (with its trailing line feed); false, appending nothing, when the value is NaN or infinite.</summary>
    public static bool TryAppend(StringBuilder builder, MetricSample sample)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sample);
        if (!double.IsFinite(sample.Value))
        {
            return false;
        }

        ArgumentException.ThrowIfNullOrEmpty(sample.Metric);
        Escape(builder, sample.Metric, measurement: true);
        foreach (var (name, value) in sample.Labels)
        {
            if (value.Length == 0)
            {
                continue;
            }

            ArgumentException.ThrowIfNullOrEmpty(name);
            builder.Append(',');
            Escape(builder, name, measurement: false);
            builder.Append('=');
            Escape(builder, value, measurement: false);
        }

        builder.Append(' ').Append(Field).Append('=');
        builder.Append(sample.Value.ToString("R", CultureInfo.InvariantCulture));
        builder.Append(' ').Append(sample.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        return true;
    }

    private static void Escape(StringBuilder builder, string text, bool measurement)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n' or '\r':
                    throw new ArgumentException($"Line protocol cannot carry a line break in a name or tag: '{text}'.");
                case ',' or ' ':
                case '=' when !measurement:
                    builder.Append('\\').Append(c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }
}
