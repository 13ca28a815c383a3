namespace AIOps.Metrics.Embedded;

/// <summary>Counters of the embedded store.</summary>
/// <param name="Series">Series held now.</param>
/// <param name="EvictedSeries">Series dropped to stay within <see cref="EmbeddedStoreOptions.MaxSeries"/>.</param>
/// <param name="RejectedSamples">Samples not stored because they were not newer than their series' newest point.</param>
public sealed record EmbeddedStoreStatistics(int Series, long EvictedSeries, long RejectedSamples);
