using AIOps.Abstractions.Costs;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Costs;

namespace AIOps.Grains.Catalog;

/// <summary>The embedded-mode catalog: process memory, kept sorted by id so a page needs one pass and no sort.</summary>
public sealed class InMemoryResourceCatalog : IResourceCatalog
{
    private readonly SortedDictionary<string, ResourceSummary> _resources = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<bool> UpsertAsync(ResourceSummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        lock (_lock)
        {
            if (_resources.TryGetValue(summary.Id, out var stored) && stored.Version >= summary.Version)
            {
                return Task.FromResult(false);
            }

            _resources[summary.Id] = summary;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _resources.Remove(id);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ResourcePage> QueryAsync(ResourceQuery query, CancellationToken cancellationToken = default)
    {
        var q = ResourceQueries.Normalize(query);
        var items = new List<ResourceSummary>(Math.Min(q.Limit, 64));
        var total = 0;
        lock (_lock)
        {
            foreach (var resource in _resources.Values)
            {
                if (!ResourceQueries.Matches(q, resource))
                {
                    continue;
                }

                if (total >= q.Offset && items.Count < q.Limit)
                {
                    items.Add(resource);
                }

                total++;
            }
        }

        return Task.FromResult(new ResourcePage(items, total, q.Offset, q.Limit));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ResourceSummary>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ResourceSummary>>(
                [.. ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => _resources.GetValueOrDefault(id)).OfType<ResourceSummary>()]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> GetTeamsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var teams = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (_resources.TryGetValue(id, out var resource) && resource.Team is { } team)
                {
                    teams[id] = team;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(teams);
    }

    /// <inheritdoc />
    public Task<CostAggregate> AggregateCostsAsync(CostReportQuery query, CancellationToken cancellationToken = default)
    {
        var q = CostReportQueries.Normalize(query);
        var sums = new CostAccumulator(q.Top);
        lock (_lock)
        {
            foreach (var resource in _resources.Values)
            {
                if (CostReportQueries.Covers(q, resource))
                {
                    sums.Add(resource);
                }
            }
        }

        return Task.FromResult(sums.ToAggregate());
    }
}
