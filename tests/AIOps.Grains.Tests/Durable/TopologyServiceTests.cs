using AIOps.Abstractions;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Catalog;
using AIOps.Grains.Tests.Catalog;
using AIOps.Grains.Topology;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Grains.Tests.Durable;

/// <summary>Topology over the edge table and the catalog, the same in memory and in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TopologyServiceTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task EdgesCatalogEntriesAndNeighbourhoodsAgreeInBothModes(string kind)
    {
        var (graph, catalog) = kind == "memory"
            ? ((IResourceGraph)new InMemoryResourceGraph(), (IResourceCatalog)new InMemoryResourceCatalog())
            : await PostgresAsync();
        foreach (var (id, team, deps) in new[]
        {
            ("n1", "core", Array.Empty<string>()),
            ("p1", "core", ["n1"]),
            ("p2", "shop", ["n1"]),
            ("d1", "shop", ["p2"]),
        })
        {
            await catalog.UpsertAsync(new ResourceSummary(id, "k8s", "x", id, "lab", team, "production", ResourceHealth.Healthy, 0.1m, At, 1));
            await graph.SetDependenciesAsync(id, deps);
        }

        Assert.Equal(
            [new ResourceEdge("p1", "n1"), new ResourceEdge("p2", "n1")],
            (await graph.GetEdgesAsync(["n1"])).OrderBy(e => e.From, StringComparer.Ordinal));
        Assert.Equal(["n1", "p2"], (await catalog.GetManyAsync(["p2", "missing", "n1", "p2"])).Select(s => s.Id));

        var service = new TopologyService(graph, catalog);
        var all = await service.GetNeighbourhoodAsync("p1", 3, null);
        Assert.Equal(["d1", "n1", "p1", "p2"], all.Nodes.Select(n => n.Id));
        Assert.Equal(3, all.Edges.Length);

        // A core-only caller does not see or walk through the shop team's resources.
        var core = await service.GetNeighbourhoodAsync("p1", 3, ["core"]);
        Assert.Equal(["n1", "p1"], core.Nodes.Select(n => n.Id));
        Assert.Equal([new ResourceEdge("p1", "n1")], core.Edges.AsEnumerable());
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetNeighbourhoodAsync("d1", 1, ["core"]));

        var page = await service.GetGraphPageAsync(new ResourceQuery(Offset: 0, Limit: 2));
        Assert.Equal(["d1", "n1"], page.Nodes.Select(n => n.Id));
        Assert.Equal((4, true), (page.Total, page.Truncated));
        Assert.Contains(new ResourceEdge("d1", "p2"), page.Edges);
    }

    private async Task<(IResourceGraph, IResourceCatalog)> PostgresAsync()
    {
        var source = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync());
        return (new PostgresResourceGraph(source), new PostgresResourceCatalog(source));
    }
}
