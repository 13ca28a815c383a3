namespace AIOps.Metrics.Embedded;

/// <summary>One downsampled level of the embedded store: averages over <paramref name="Resolution"/>, kept for <paramref name="Retention"/>.</summary>
/// <param name="Resolution">Width of one bucket; buckets are aligned to the Unix epoch.</param>
/// <param name="Retention">How far back buckets are kept.</param>
public sealed record DownsampleTier(TimeSpan Resolution, TimeSpan Retention);
