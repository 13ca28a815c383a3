namespace AIOps.Grains.Costs;

/// <summary>The resources sharing one value of a dimension: how many, and their cost per hour together.</summary>
/// <param name="Key">The value; null for resources without one.</param>
/// <param name="Count">How many resources.</param>
/// <param name="PerHour">Their cost per hour, summed.</param>
public sealed record CostBucket(string? Key, int Count, decimal PerHour);
