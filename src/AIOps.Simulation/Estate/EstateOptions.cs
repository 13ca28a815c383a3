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

    /// <summary>Throws when a setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (ResourceCount is < 50 or > 2_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(ResourceCount), ResourceCount, $"{SectionName}:{nameof(ResourceCount)} must be between 50 and 2000000.");
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
