namespace AIOps.Benchmarks.LiveFeed;

/// <summary>Delays in 0.1 ms buckets up to a minute (longer ones land in the last bucket); safe to add to from any thread.</summary>
internal sealed class DelayHistogram
{
    private const double BucketMs = 0.1;
    private readonly long[] _buckets = new long[600_001];
    private long _maxTicks;

    public void Add(TimeSpan delay)
    {
        var ms = Math.Max(delay.TotalMilliseconds, 0);
        Interlocked.Increment(ref _buckets[Math.Min((long)(ms / BucketMs), _buckets.Length - 1)]);
        var ticks = delay.Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, ticks, seen) != seen)
        {
        }
    }

    public long Count => _buckets.Sum();

    public double MaxMs => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks)).TotalMilliseconds;

    /// <summary>The delay that <paramref name="quantile"/> of the samples do not exceed (upper edge of its bucket), in ms.</summary>
    public double Percentile(double quantile)
    {
        var count = Count;
        if (count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(quantile * count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank)
            {
                return Math.Min((i + 1) * BucketMs, MaxMs);
            }
        }

        return MaxMs;
    }
}
