using System.Collections.Immutable;
using AIOps.Estate.Metrics;

namespace AIOps.Metrics.Tests;

internal static class Samples
{
    public static ImmutableSortedDictionary<string, string> Labels(params (string Name, string Value)[] labels) =>
        labels.ToImmutableSortedDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);

    public static MetricSample Sample(string metric, DateTimeOffset time, double value, params (string Name, string Value)[] labels) =>
        new(metric, Labels(labels), time, value);
}
