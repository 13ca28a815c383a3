using System.Collections.Immutable;

namespace AIOps.Abstractions.Costs;

/// <summary>
/// The current run-rate of the managed estate, from each resource's cost per hour (in the accounts' currency; the
/// platform does not convert). Groups are ordered most expensive first.
/// </summary>
/// <param name="GeneratedAt">When the report was computed.</param>
/// <param name="ResourceCount">How many resources the report covers.</param>
/// <param name="ResourcesWithoutCost">How many of them have no known cost (cost per hour 0); they count as free.</param>
/// <param name="Total">Run-rate of all covered resources.</param>
/// <param name="ByProvider">Run-rate per provider.</param>
/// <param name="ByTeam">Run-rate per team (null key: no team).</param>
/// <param name="ByKind">Run-rate per kind.</param>
/// <param name="ByEnvironment">Run-rate per environment (null key: no environment).</param>
/// <param name="TopResources">The most expensive resources, most expensive first; resources without cost are not listed.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.cost-report")]
public sealed record CostReport(
    [property: Id(0)] DateTimeOffset GeneratedAt,
    [property: Id(1)] int ResourceCount,
    [property: Id(2)] int ResourcesWithoutCost,
    [property: Id(3)] CostRate Total,
    [property: Id(4)] ImmutableArray<CostGroup> ByProvider,
    [property: Id(5)] ImmutableArray<CostGroup> ByTeam,
    [property: Id(6)] ImmutableArray<CostGroup> ByKind,
    [property: Id(7)] ImmutableArray<CostGroup> ByEnvironment,
    [property: Id(8)] ImmutableArray<ResourceCost> TopResources);
