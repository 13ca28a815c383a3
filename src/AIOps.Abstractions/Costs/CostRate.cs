namespace AIOps.Abstractions.Costs;

/// <summary>A run-rate: what something costs at its current hourly rate, per hour, per day and per 30-day month.</summary>
/// <param name="PerHour">Cost per hour.</param>
/// <param name="PerDay">Cost per day (24 hours).</param>
/// <param name="PerMonth">Cost per 30-day month (720 hours).</param>
[GenerateSerializer, Immutable, Alias("aiops.model.cost-rate")]
public sealed record CostRate(
    [property: Id(0)] decimal PerHour,
    [property: Id(1)] decimal PerDay,
    [property: Id(2)] decimal PerMonth)
{
    /// <summary>Hours in the month the run-rate is quoted for.</summary>
    public const int HoursPerMonth = 720;

    /// <summary>The run-rate of an hourly cost.</summary>
    public static CostRate FromHourly(decimal perHour) => new(perHour, perHour * 24, perHour * HoursPerMonth);
}
