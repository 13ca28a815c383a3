using AIOps.Estate.Inventory;
using AIOps.Incidents.Correlation;

namespace AIOps.Incidents.Context;

/// <summary>
/// The topology as the inventory last described it, kept in memory. Resources that disappear keep their edges for
/// <see cref="Retention"/>, so alerts about a pod that was evicted and deleted still relate to its node.
/// Thread-safe.
/// </summary>
public sealed class InventoryTopology : ITopologyView
{
    /// <summary>How long a deleted resource's edges are remembered.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(6);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);

    /// <summary>Number of resources known (deleted ones within the retention included).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>Adds or replaces a resource and its outgoing edges.</summary>
    public void Upsert(string id, string kind, IEnumerable<string> dependencies, string? environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(dependencies);
        lock (_gate)
        {
            var node = Get(id);
            foreach (var old in node.Dependencies)
            {
                Get(old).Dependents.Remove(id);
            }

            node.Kind = kind;
            node.Environment = environment;
            node.DeletedAt = null;
            node.Dependencies.Clear();
            foreach (var dependency in dependencies.Where(d => !string.IsNullOrEmpty(d) && d != id))
            {
                node.Dependencies.Add(dependency);
                Get(dependency).Dependents.Add(id);
            }
        }
    }

    /// <summary>Adds or replaces an inventory resource.</summary>
    public void Upsert(InventoryResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var tags = resource.Spec.Tags;
        var environment = tags.GetValueOrDefault("environment") ?? tags.GetValueOrDefault("env");
        Upsert(resource.Id, resource.Spec.Kind, resource.Spec.Dependencies.IsDefault ? [] : resource.Spec.Dependencies, environment);
    }

    /// <summary>Marks a resource deleted at <paramref name="at"/>; its edges stay for <see cref="Retention"/>.</summary>
    public void MarkDeleted(string id, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(id, out var node))
            {
                node.DeletedAt ??= at;
            }
        }
    }

    /// <summary>Forgets resources deleted longer than <see cref="Retention"/> before <paramref name="now"/>.</summary>
    public void Prune(DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var (id, node) in _nodes.Where(n => n.Value.DeletedAt is { } d && now - d > Retention).ToList())
            {
                foreach (var dependency in node.Dependencies)
                {
                    if (_nodes.TryGetValue(dependency, out var target))
                    {
                        target.Dependents.Remove(id);
                    }
                }

                foreach (var dependent in node.Dependents)
                {
                    if (_nodes.TryGetValue(dependent, out var source))
                    {
                        source.Dependencies.Remove(id);
                    }
                }

                _nodes.Remove(id);
            }
        }
    }

    /// <inheritdoc />
    public string? KindOf(string resourceId)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(resourceId, out var node) ? node.Kind : null;
        }
    }

    /// <inheritdoc />
    public string? EnvironmentOf(string resourceId)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(resourceId, out var node) ? node.Environment : null;
        }
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> DependenciesOf(string resourceId)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(resourceId, out var node) ? [.. node.Dependencies] : [];
        }
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> DependentsOf(string resourceId)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(resourceId, out var node) ? [.. node.Dependents] : [];
        }
    }

    private Node Get(string id)
    {
        if (!_nodes.TryGetValue(id, out var node))
        {
            _nodes[id] = node = new Node();
        }

        return node;
    }

    private sealed class Node
    {
        public string? Kind { get; set; }

        public string? Environment { get; set; }

        public DateTimeOffset? DeletedAt { get; set; }

        public HashSet<string> Dependencies { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Dependents { get; } = new(StringComparer.Ordinal);
    }
}
