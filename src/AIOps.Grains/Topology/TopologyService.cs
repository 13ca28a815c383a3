using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Catalog;

namespace AIOps.Grains.Topology;

/// <summary>
/// Topology queries over the dependency edges and the catalog, without activating resource grains: the
/// neighbourhood of one resource to a depth (both directions: what it depends on and what depends on it), and pages
/// of the whole graph for the dashboard.
/// </summary>
public sealed class TopologyService(IResourceGraph graph, IResourceCatalog catalog)
{
    /// <summary>Deepest neighbourhood walk allowed.</summary>
    public const int MaxDepth = 10;

    /// <summary>Most nodes a neighbourhood returns.</summary>
    public const int MaxNodes = 2_000;

    /// <summary>
    /// The resources within <paramref name="depth"/> dependency hops of <paramref name="id"/>. With a team scope,
    /// resources of other teams are left out and the walk does not pass through them.
    /// </summary>
    public async Task<ResourceTopology> GetNeighbourhoodAsync(string id, int depth, ImmutableArray<string>? teams, CancellationToken cancellationToken = default)
    {
        if (depth is < 0 or > MaxDepth)
        {
            throw new ValidationException("depth", $"must be between 0 and {MaxDepth}");
        }

        var root = await catalog.GetManyAsync([id], cancellationToken);
        if (root.Count == 0 || !TeamNames.InScope(TeamNames.NormalizeScope(teams), root[0].Team))
        {
            throw new NotFoundException("resource", id);
        }

        var scope = TeamNames.NormalizeScope(teams);
        var nodes = new Dictionary<string, ResourceSummary>(StringComparer.Ordinal) { [id] = root[0] };
        var edges = new HashSet<ResourceEdge>();
        var frontier = new List<string> { id };
        var truncated = false;
        for (var hop = 0; hop < depth && frontier.Count > 0 && !truncated; hop++)
        {
            var found = await graph.GetEdgesAsync(frontier, cancellationToken);
            var next = found.SelectMany(e => new[] { e.From, e.To }).Where(n => !nodes.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList();
            if (nodes.Count + next.Count > MaxNodes)
            {
                next = next.Order(StringComparer.Ordinal).Take(MaxNodes - nodes.Count).ToList();
                truncated = true;
            }

            var summaries = await catalog.GetManyAsync(next, cancellationToken);
            frontier = [];
            foreach (var summary in summaries.Where(s => TeamNames.InScope(scope, s.Team)))
            {
                nodes[summary.Id] = summary;
                frontier.Add(summary.Id);
            }

            edges.UnionWith(found.Where(e => nodes.ContainsKey(e.From) && nodes.ContainsKey(e.To)));
        }

        // Edges among the last ring were not fetched from its side yet.
        if (frontier.Count > 0)
        {
            edges.UnionWith((await graph.GetEdgesAsync(frontier, cancellationToken)).Where(e => nodes.ContainsKey(e.From) && nodes.ContainsKey(e.To)));
        }

        return new ResourceTopology(
            [.. nodes.Values.OrderBy(n => n.Id, StringComparer.Ordinal)],
            [.. edges.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)],
            truncated,
            nodes.Count);
    }

    /// <summary>A page of the graph: the resources matching <paramref name="query"/> and every edge from or to them whose other end is on the page too or matches the filter.</summary>
    public async Task<ResourceTopology> GetGraphPageAsync(ResourceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = await catalog.QueryAsync(query, cancellationToken);
        var ids = page.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var edges = await graph.GetEdgesAsync(ids, cancellationToken);

        // Edges leaving the page are kept when the other end is in scope, so pages can be stitched together.
        var others = edges.SelectMany(e => new[] { e.From, e.To }).Where(n => !ids.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        var scope = TeamNames.NormalizeScope(query.Teams);
        var visible = (await catalog.GetManyAsync(others, cancellationToken))
            .Where(s => TeamNames.InScope(scope, s.Team)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        visible.UnionWith(ids);
        return new ResourceTopology(
            [.. page.Items],
            [.. edges.Where(e => visible.Contains(e.From) && visible.Contains(e.To))],
            page.Offset + page.Items.Count < page.Total,
            page.Total);
    }
}
