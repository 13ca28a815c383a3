using System.Collections.Immutable;

namespace AIOps.Metrics.Embedded;

/// <summary>One series of the embedded store: raw points and one bucket ring per downsampling tier.</summary>
internal sealed class StoredSeries
{
    public StoredSeries(string metric, ImmutableSortedDictionary<string, string> labels, string key, EmbeddedStoreOptions options)
    {
        Metric = metric;
        Labels = labels;
        Key = key;
        Raw = new PointRing(options.MaxRawPointsPerSeries, counted: false);
        Tiers = new PointRing[options.Tiers.Count];
        for (var i = 0; i < Tiers.Length; i++)
        {
            var tier = options.Tiers[i];
            Tiers[i] = new PointRing((int)Math.Min(int.MaxValue, (tier.Retention.Ticks / tier.Resolution.Ticks) + 1), counted: true);
        }

        LruNode = new LinkedListNode<StoredSeries>(this);
    }

    public string Metric { get; }

    public ImmutableSortedDictionary<string, string> Labels { get; }

    public string Key { get; }

    public PointRing Raw { get; }

    public PointRing[] Tiers { get; }

    public long Newest { get; set; } = long.MinValue;

    public LinkedListNode<StoredSeries> LruNode { get; }
}
