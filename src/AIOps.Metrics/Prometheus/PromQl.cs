using System.Text;
using AIOps.Estate.Metrics;

namespace AIOps.Metrics.Prometheus;

/// <summary>Builds PromQL instant-vector selectors from a <see cref="MetricQuery"/>.</summary>
public static class PromQl
{
    /// <summary>
    /// <c>metric{label="value",...}</c> with label values escaped as PromQL (Go) string literals. A metric name that is not a
    /// valid PromQL identifier is selected through <c>__name__</c> instead. Invalid label names are rejected.
    /// </summary>
    public static string Selector(string metric, IEnumerable<KeyValuePair<string, string>> matchers)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        var builder = new StringBuilder();
        var first = true;
        if (IsMetricName(metric))
        {
            builder.Append(metric).Append('{');
        }
        else
        {
            builder.Append("{__name__=");
            AppendString(builder, metric);
            first = false;
        }

        foreach (var (name, value) in matchers.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!IsLabelName(name))
            {
                throw new ArgumentException($"'{name}' is not a valid Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*).", nameof(matchers));
            }

            if (!first)
            {
                builder.Append(',');
            }

            builder.Append(name).Append('=');
            AppendString(builder, value);
            first = false;
        }

        return builder.Append('}').ToString();
    }

    /// <summary>True for names matching <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsMetricName(string name) => IsIdentifier(name, allowColon: true);

    /// <summary>True for names matching <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsLabelName(string name) => IsIdentifier(name, allowColon: false);

    private static bool IsIdentifier(string name, bool allowColon)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':')))
            {
                return false;
            }
        }

        return true;
    }

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default: builder.Append(c); break;
            }
        }

        builder.Append('"');
    }
}
