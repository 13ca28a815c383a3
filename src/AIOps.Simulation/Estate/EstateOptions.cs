namespace AIOps.Simulation.Estate;

/// <summary>How the simulated estate is generated.</summary>
public sealed class EstateOptions
{
    /// <summary>Configuration section of these options.</summary>
    public const string SectionName = "Simulation";

    /// <summary>The seed: the same seed gives the same estate, metrics and scenario effects.</summary>
    public ulong Seed { get; set; } = 42;

    /// <summary>About how many resources to generate (the generator lands within a few percent).</summary>
    public int ResourceCount { get; set; } = 300;

    /// <summary>Origin of the metrics' trend; fixed so metric values do not depend on when the process started.</summary>
    public DateTimeOffset TrendEpoch { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How many inventory changes are kept for watchers; a cursor older than that must relist.</summary>
    public int InventoryLogCapacity { get; set; } = 100_000;

    /// <summary>How many alerts, events and log lines are each kept.</summary>
    public int ObservationLogCapacity { get; set; } = 50_000;

    /// <summary>How often alert rules are evaluated (Prometheus' <c>evaluation_interval</c>); a whole number of seconds dividing a minute.</summary>
    public TimeSpan AlertEvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Scales every rule's <c>for</c> duration: 1 is real-time rule timing; the silo's embedded default uses a small factor
    /// so a scenario started by hand raises its alerts within seconds.
    /// </summary>
    public double AlertForFactor { get; set; } = 1.0;

    /// <summary>Throws when a setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (ResourceCount is < 50 or > 2_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(ResourceCount), ResourceCount, $"{SectionName}:{nameof(ResourceCount)} must be between 50 and 2000000.");
        }

        if (AlertEvaluationInterval < TimeSpan.FromSeconds(1) || AlertEvaluationInterval > TimeSpan.FromMinutes(1)
            || 60 % (int)AlertEvaluationInterval.TotalSeconds != 0 || AlertEvaluationInterval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AlertEvaluationInterval), AlertEvaluationInterval, $"{SectionName}:{nameof(AlertEvaluationInterval)} must be whole seconds dividing a minute (1 to 60 s).");
        }

        if (AlertForFactor is <= 0 or > 1 || double.IsNaN(AlertForFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(AlertForFactor), AlertForFactor, $"{SectionName}:{nameof(AlertForFactor)} must be above 0 and at most 1.");
        }

        if (InventoryLogCapacity < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(InventoryLogCapacity), InventoryLogCapacity, $"{SectionName}:{nameof(InventoryLogCapacity)} must be at least 100.");
        }

        if (ObservationLogCapacity < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(ObservationLogCapacity), ObservationLogCapacity, $"{SectionName}:{nameof(ObservationLogCapacity)} must be at least 100.");
        }
    }
}
