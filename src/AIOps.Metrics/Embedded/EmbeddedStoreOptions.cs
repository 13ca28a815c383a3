namespace AIOps.Metrics.Embedded;

/// <summary>Bounds and downsampling of the <see cref="EmbeddedTimeSeriesStore"/>.</summary>
/// <remarks>
/// Worst-case memory per series is about 16 bytes per raw point plus 20 bytes per bucket: with the defaults
/// (3,600 raw points, 1,440 one-minute and 2,016 five-minute buckets) about 127 KB, so 10,000 full series take about 1.3 GB.
/// Buffers grow on demand, so series written rarely cost far less.
/// </remarks>
public sealed class EmbeddedStoreOptions
{
    /// <summary>Configuration section these options are bound from.</summary>
    public const string SectionName = "Metrics:Embedded";

    /// <summary>Most series kept; writing a new one beyond this evicts the series written least recently.</summary>
    public int MaxSeries { get; set; } = 10_000;

    /// <summary>How long raw points are kept.</summary>
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most raw points kept per series (one per second for an hour by default); the oldest go first.</summary>
    public int MaxRawPointsPerSeries { get; set; } = 3_600;

    /// <summary>Downsampled levels from fine to coarse; by default one-minute averages for a day and five-minute averages for a week.</summary>
    public IReadOnlyList<DownsampleTier> Tiers { get; set; } =
    [
        new(TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)),
        new(TimeSpan.FromMinutes(5), TimeSpan.FromDays(7)),
    ];

    /// <summary>Throws with the name of the offending key when a setting is unusable.</summary>
    public void Validate()
    {
        if (MaxSeries < 1)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(MaxSeries)} must be at least 1; it is {MaxSeries}.");
        }

        if (MaxRawPointsPerSeries < 1)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(MaxRawPointsPerSeries)} must be at least 1; it is {MaxRawPointsPerSeries}.");
        }

        if (RawRetention <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(RawRetention)} must be positive; it is {RawRetention}.");
        }

        var previous = TimeSpan.Zero;
        for (var i = 0; i < Tiers.Count; i++)
        {
            var tier = Tiers[i];
            if (tier.Resolution < TimeSpan.FromMilliseconds(1) || tier.Resolution <= previous || tier.Retention < tier.Resolution
                || tier.Resolution.Ticks % TimeSpan.TicksPerMillisecond != 0)
            {
                throw new InvalidOperationException(
                    $"{SectionName}:{nameof(Tiers)}:{i} must have a whole-millisecond resolution coarser than the tier before it and a retention of at least one bucket; it is {tier}.");
            }

            previous = tier.Resolution;
        }
    }
}
