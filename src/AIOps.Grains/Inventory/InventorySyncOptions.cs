namespace AIOps.Grains.Inventory;

/// <summary>Timing of inventory sync (section <c>AIOps:Inventory</c>).</summary>
public sealed class InventorySyncOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "AIOps:Inventory";

    /// <summary>How often changes are pulled.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a pass waits for changes before applying what it has.</summary>
    public TimeSpan PullWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most changes applied in one pass.</summary>
    public int MaxChangesPerPass { get; set; } = 5_000;

    /// <summary>Resource grains written at once.</summary>
    public int Parallelism { get; set; } = 128;

    /// <summary>First retry delay after a failure; doubles per failure.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
