using System.Collections.Immutable;

namespace AIOps.Abstractions.Costs;

/// <summary>What a cost report covers. Every filter is optional.</summary>
/// <param name="Provider">Only this provider (exact).</param>
/// <param name="Team">Only this team (case-insensitive).</param>
/// <param name="Environment">Only this environment; the usual spellings fold together.</param>
/// <param name="Top">How many of the most expensive resources to list (1 to 100).</param>
[GenerateSerializer, Immutable, Alias("aiops.model.cost-report-query")]
public sealed record CostReportQuery(
    [property: Id(0)] string? Provider = null,
    [property: Id(1)] string? Team = null,
    [property: Id(2)] string? Environment = null,
    [property: Id(3)] int Top = 10)
{
    /// <summary>The caller's team scope: when set, only resources of these teams or of no team are counted. Null means no scope.</summary>
    [Id(4)]
    public ImmutableArray<string>? Teams { get; init; }
}
