namespace AIOps.Abstractions.Costs;

/// <summary>The run-rate of the resources that share one value of a dimension (a provider, a team...).</summary>
/// <param name="Key">The value; null groups the resources without one (no team or environment tag).</param>
/// <param name="ResourceCount">How many resources share it.</param>
/// <param name="Cost">Their run-rate together.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.cost-group")]
public sealed record CostGroup(
    [property: Id(0)] string? Key,
    [property: Id(1)] int ResourceCount,
    [property: Id(2)] CostRate Cost);
