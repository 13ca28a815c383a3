using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Topology;

/// <summary>The embedded-mode graph: process memory, gone with the process.</summary>
public sealed class InMemoryResourceGraph : IResourceGraph
{
    private readonly Dictionary<string, HashSet<string>> _dependencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task SetDependenciesAsync(string resourceId, IReadOnlyCollection<string> dependencies, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_dependencies.Remove(resourceId, out var old))
            {
                foreach (var dependency in old)
                {
                    if (_dependents.TryGetValue(dependency, out var set) && set.Remove(resourceId) && set.Count == 0)
                    {
                        _dependents.Remove(dependency);
                    }
                }
            }

            if (dependencies.Count > 0)
            {
                _dependencies[resourceId] = new HashSet<string>(dependencies, StringComparer.Ordinal);
                foreach (var dependency in dependencies)
                {
                    if (!_dependents.TryGetValue(dependency, out var set))
                    {
                        _dependents[dependency] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(resourceId);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetDependentsAsync(string resourceId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>(_dependents.TryGetValue(resourceId, out var set)
                ? [.. set.Order(StringComparer.Ordinal).Take(limit)]
                : []);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ResourceEdge>> GetEdgesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var edges = new HashSet<ResourceEdge>();
        lock (_lock)
        {
            foreach (var id in ids)
            {
                foreach (var to in _dependencies.GetValueOrDefault(id) ?? [])
                {
                    edges.Add(new ResourceEdge(id, to));
                }

                foreach (var from in _dependents.GetValueOrDefault(id) ?? [])
                {
                    edges.Add(new ResourceEdge(from, id));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<ResourceEdge>>([.. edges.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public Task<int> CountBlastRadiusAsync(IReadOnlyCollection<string> targets, int cap, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var seen = new HashSet<string>(targets, StringComparer.Ordinal);
            var frontier = new Queue<string>(seen);
            while (frontier.Count > 0 && seen.Count < cap)
            {
                if (_dependents.TryGetValue(frontier.Dequeue(), out var set))
                {
                    foreach (var dependent in set)
                    {
                        if (seen.Add(dependent))
                        {
                            frontier.Enqueue(dependent);
                        }
                    }
                }
            }

            return Task.FromResult(Math.Min(seen.Count, cap));
        }
    }
}
