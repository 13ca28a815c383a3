namespace AIOps.Simulation.Estate;

/// <summary>The generated shape of a resource's baseline load (drawn once from the seed).</summary>
/// <param name="BaseLoad">Mean CPU utilisation as a ratio.</param>
/// <param name="DailyAmplitude">Relative swing between night and afternoon.</param>
/// <param name="WeeklyAmplitude">Relative drop at weekends.</param>
/// <param name="TrendPerDay">Relative growth per day since the trend epoch.</param>
/// <param name="Noise">Relative standard deviation of the noise.</param>
/// <param name="UtcOffsetHours">Local time of the users, for the daily curve.</param>
/// <param name="BaseRps">Mean request rate (requests per second) for request-serving resources.</param>
/// <param name="BaseLatency">p95 latency in seconds at normal load.</param>
/// <param name="BaseErrorRatio">Error ratio at normal load.</param>
/// <param name="MemoryLimitBytes">Memory limit (pods) or total memory (machines, nodes).</param>
/// <param name="BaseMemoryRatio">Mean memory utilisation as a ratio.</param>
/// <param name="DiskBaseRatio">Disk used ratio at the trend epoch.</param>
internal sealed record MetricProfile(
    double BaseLoad,
    double DailyAmplitude,
    double WeeklyAmplitude,
    double TrendPerDay,
    double Noise,
    double UtcOffsetHours,
    double BaseRps,
    double BaseLatency,
    double BaseErrorRatio,
    double MemoryLimitBytes,
    double BaseMemoryRatio,
    double DiskBaseRatio);
