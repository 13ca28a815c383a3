using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Costs;

/// <summary>Raw cost sums over the resources a report covers, as a catalog computes them (in memory, or GROUP BY in PostgreSQL).</summary>
/// <param name="ResourceCount">How many resources are covered.</param>
/// <param name="ResourcesWithoutCost">How many of them cost 0 per hour.</param>
/// <param name="PerHour">Their cost per hour, summed.</param>
/// <param name="ByProvider">Sums per provider, in any order.</param>
/// <param name="ByTeam">Sums per team (null key: no team), in any order.</param>
/// <param name="ByKind">Sums per kind, in any order.</param>
/// <param name="ByEnvironment">Sums per environment (null key: none), in any order.</param>
/// <param name="Top">The most expensive resources with a cost, at most as many as asked for, in any order.</param>
public sealed record CostAggregate(
    int ResourceCount,
    int ResourcesWithoutCost,
    decimal PerHour,
    IReadOnlyList<CostBucket> ByProvider,
    IReadOnlyList<CostBucket> ByTeam,
    IReadOnlyList<CostBucket> ByKind,
    IReadOnlyList<CostBucket> ByEnvironment,
    IReadOnlyList<ResourceSummary> Top);
