using System.Collections.Immutable;
using AIOps.Abstractions.Costs;
using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Costs;

/// <summary>Turns raw cost sums into the report people read: run-rates per hour, day and 30-day month, most expensive first.</summary>
public static class CostReportBuilder
{
    /// <summary>The report of <paramref name="aggregate"/>, generated at <paramref name="generatedAt"/>.</summary>
    public static CostReport Build(CostAggregate aggregate, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return new CostReport(
            generatedAt,
            aggregate.ResourceCount,
            aggregate.ResourcesWithoutCost,
            CostRate.FromHourly(aggregate.PerHour),
            Groups(aggregate.ByProvider),
            Groups(aggregate.ByTeam),
            Groups(aggregate.ByKind),
            Groups(aggregate.ByEnvironment),
            [.. aggregate.Top.OrderByDescending(r => r.CostPerHour).ThenBy(r => r.Id, StringComparer.Ordinal).Select(Cost)]);
    }

    // Most expensive first; ties by size, then by name with the untagged group last, so the order is stable.
    private static ImmutableArray<CostGroup> Groups(IReadOnlyList<CostBucket> buckets) =>
    [
        .. buckets
            .OrderByDescending(b => b.PerHour)
            .ThenByDescending(b => b.Count)
            .ThenBy(b => b.Key is null)
            .ThenBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => new CostGroup(b.Key, b.Count, CostRate.FromHourly(b.PerHour))),
    ];

    private static ResourceCost Cost(ResourceSummary r) =>
        new(r.Id, r.Name, r.Provider, r.Kind, r.Team, r.Environment, CostRate.FromHourly(r.CostPerHour));
}
