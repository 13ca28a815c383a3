using AIOps.Grains.Topology;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Grains.Tests.Durable;

[Collection(PostgresCollection.Name)]
public sealed class ResourceGraphTests(PostgresFixture postgres)
{
    private async Task<IResourceGraph> GraphAsync(string kind)
    {
        if (kind == "memory")
        {
            return new InMemoryResourceGraph();
        }

        return new PostgresResourceGraph(NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync()));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task DependenciesAreReplacedAndDependentsFollow(string kind)
    {
        var graph = await GraphAsync(kind);
        await graph.SetDependenciesAsync("pod-1", ["node-1", "config-1"]);
        await graph.SetDependenciesAsync("pod-2", ["node-1"]);
        Assert.Equal(["pod-1", "pod-2"], await graph.GetDependentsAsync("node-1", 10));

        await graph.SetDependenciesAsync("pod-1", ["node-2"]);
        Assert.Equal(["pod-2"], await graph.GetDependentsAsync("node-1", 10));
        Assert.Equal(["pod-1"], await graph.GetDependentsAsync("node-2", 10));
        Assert.Empty(await graph.GetDependentsAsync("config-1", 10));

        await graph.SetDependenciesAsync("pod-2", []);
        Assert.Empty(await graph.GetDependentsAsync("node-1", 10));
        Assert.Equal(["pod-1"], await graph.GetDependentsAsync("node-2", 1));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task TheBlastRadiusFollowsDependentsTransitivelyThroughCyclesUpToTheCap(string kind)
    {
        var graph = await GraphAsync(kind);
        await graph.SetDependenciesAsync("svc", ["deploy"]);
        await graph.SetDependenciesAsync("deploy", ["node"]);
        await graph.SetDependenciesAsync("pod-a", ["node"]);
        await graph.SetDependenciesAsync("pod-b", ["node"]);
        await graph.SetDependenciesAsync("node", ["svc"]);
        await graph.SetDependenciesAsync("elsewhere", ["other"]);

        Assert.Equal(5, await graph.CountBlastRadiusAsync(["node"], 100));
        Assert.Equal(3, await graph.CountBlastRadiusAsync(["node"], 3));
        Assert.Equal(1, await graph.CountBlastRadiusAsync(["pod-a"], 100));
        Assert.Equal(2, await graph.CountBlastRadiusAsync(["pod-a", "pod-b", "pod-a"], 100));
    }

    [Fact]
    public async Task AHubWithManyDependentsCostsOneRowPerEdge()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(db);
        var graph = new PostgresResourceGraph(dataSource);
        await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => graph.SetDependenciesAsync($"vm-{i}", ["vpc-1"])));
        Assert.Equal(2_001, await graph.CountBlastRadiusAsync(["vpc-1"], 10_000));
        Assert.Equal(50, (await graph.GetDependentsAsync("vpc-1", 50)).Count);
    }
}
