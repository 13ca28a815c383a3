namespace AIOps.Grains.Alerts;

/// <summary>State of <see cref="IngestStatsGrain"/>: the counters summed over every silo.</summary>
[GenerateSerializer, Alias("aiops.ingest-stats-state")]
public sealed class IngestStatsState
{
    /// <summary>Counter name to sum.</summary>
    [Id(0)] public Dictionary<string, long> Counters { get; set; } = new(StringComparer.Ordinal);
}
