using System.Runtime.InteropServices;
using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Costs;

/// <summary>Builds a <see cref="CostAggregate"/> in one pass over resources; keeps only the <c>top</c> most expensive.</summary>
public sealed class CostAccumulator
{
    private readonly int _top;
    private readonly Sums _providers = new();
    private readonly Sums _teams = new();
    private readonly Sums _kinds = new();
    private readonly Sums _environments = new();

    // A min-heap on (cost, reversed id): its root is the cheapest of the kept resources, the next to drop.
    private readonly PriorityQueue<ResourceSummary, ResourceSummary> _mostExpensive = new(Comparer<ResourceSummary>.Create(CheaperFirst));
    private int _count;
    private int _withoutCost;
    private decimal _perHour;

    /// <summary>Creates an accumulator keeping the <paramref name="top"/> most expensive resources.</summary>
    public CostAccumulator(int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        _top = top;
    }

    /// <summary>Counts one resource.</summary>
    public void Add(ResourceSummary resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        _count++;
        _perHour += resource.CostPerHour;
        _providers.Add(resource.Provider, resource.CostPerHour);
        _teams.Add(resource.Team, resource.CostPerHour);
        _kinds.Add(resource.Kind, resource.CostPerHour);
        _environments.Add(resource.Environment, resource.CostPerHour);
        if (resource.CostPerHour == 0)
        {
            _withoutCost++;
            return;
        }

        if (_top > 0)
        {
            _mostExpensive.Enqueue(resource, resource);
            if (_mostExpensive.Count > _top)
            {
                _mostExpensive.Dequeue();
            }
        }
    }

    /// <summary>The sums so far.</summary>
    public CostAggregate ToAggregate() => new(
        _count, _withoutCost, _perHour, _providers.ToBuckets(), _teams.ToBuckets(), _kinds.ToBuckets(), _environments.ToBuckets(),
        [.. _mostExpensive.UnorderedItems.Select(i => i.Element)]);

    private static int CheaperFirst(ResourceSummary? a, ResourceSummary? b)
    {
        var byCost = a!.CostPerHour.CompareTo(b!.CostPerHour);
        return byCost != 0 ? byCost : string.CompareOrdinal(b.Id, a.Id);
    }

    private sealed class Sums
    {
        private readonly Dictionary<string, (int Count, decimal PerHour)> _byKey = new(StringComparer.Ordinal);
        private (int Count, decimal PerHour) _none;

        public void Add(string? key, decimal perHour)
        {
            if (key is null)
            {
                _none = (_none.Count + 1, _none.PerHour + perHour);
                return;
            }

            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKey, key, out _);
            sum = (sum.Count + 1, sum.PerHour + perHour);
        }

        public List<CostBucket> ToBuckets()
        {
            var buckets = _byKey.Select(kv => new CostBucket(kv.Key, kv.Value.Count, kv.Value.PerHour)).ToList();
            if (_none.Count > 0)
            {
                buckets.Add(new CostBucket(null, _none.Count, _none.PerHour));
            }

            return buckets;
        }
    }
}
