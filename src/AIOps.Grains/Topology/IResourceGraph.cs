namespace AIOps.Grains.Topology;

/// <summary>
/// The dependency edges between resources (A depends on B), kept outside the resource grains: a shared
/// resource such as a VPC can have hundreds of thousands of dependents, which no single grain state should hold.
/// </summary>
public interface IResourceGraph
{
    /// <summary>Replaces the dependencies of <paramref name="resourceId"/> (its outgoing edges).</summary>
    Task SetDependenciesAsync(string resourceId, IReadOnlyCollection<string> dependencies, CancellationToken cancellationToken = default);

    /// <summary>Resources that depend on <paramref name="resourceId"/> directly, sorted, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> GetDependentsAsync(string resourceId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many resources an action on <paramref name="targets"/> touches: the targets plus everything that depends on
    /// them, transitively; counting stops at <paramref name="cap"/>.
    /// </summary>
    Task<int> CountBlastRadiusAsync(IReadOnlyCollection<string> targets, int cap, CancellationToken cancellationToken = default);

    /// <summary>Every edge from or to one of <paramref name="ids"/>.</summary>
    Task<IReadOnlyList<AIOps.Abstractions.Resources.ResourceEdge>> GetEdgesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);
}
