using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Actions;
using AIOps.Grains.Catalog;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Grains.Tests.Durable;

/// <summary>In durable mode the grains write the PostgreSQL catalog and action index.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DurableCatalogTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ResourceGrainsAndActionGrainsKeepTheTablesCurrentAndAnUnchangedUpsertAfterARestartRepairsALostRow()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        var serviceId = "svc-" + Guid.NewGuid().ToString("N")[..12];
        await using var dataSource = NpgsqlDataSource.Create(db);
        var catalog = new PostgresResourceCatalog(dataSource);
        var actions = new PostgresActionIndex(dataSource);
        const string id = "k8s:prod:deployment/shop/cart";
        var spec = new ResourceSpec("k8s", "deployment", "cart", "prod/shop",
            ImmutableDictionary<string, string>.Empty.Add("team", "shop").Add("environment", "Production"), ImmutableDictionary<string, string>.Empty, [], 0.42m);
        await using (var first = await DurableCluster.StartAsync(db, serviceId))
        {
            var resource = first.Client.GetGrain<IResourceGrain>(id);
            await resource.UpsertAsync(spec);
            await resource.ObserveAsync(ImmutableDictionary<string, string>.Empty, ResourceHealth.Unhealthy);
            var listed = Assert.Single((await catalog.QueryAsync(new ResourceQuery(Team: "shop"))).Items);
            Assert.Equal((id, "production", ResourceHealth.Unhealthy, 0.42m, 2L), (listed.Id, listed.Environment, listed.Health, listed.CostPerHour, listed.Version));

            await first.Client.GetGrain<IAgentActionGrain>("act-durable").ProposeAsync(
                new ProposedAction("kubernetes", "restart", "restart cart", [id], RiskLevel.Low, "", "k"));
            var action = Assert.Single((await actions.QueryAsync(new ActionQuery(ResourceId: id))).Items);
            Assert.Equal(("act-durable", ActionStatus.Pending), (action.Id, action.Status));
            Assert.Equal(["shop"], action.Teams.AsEnumerable());
            await first.StopAllSilosAsync();
        }

        await using (var delete = dataSource.CreateCommand("DELETE FROM aiops_resource_catalog"))
        {
            await delete.ExecuteNonQueryAsync();
        }

        await using var second = await DurableCluster.StartAsync(db, serviceId);
        await second.Client.GetGrain<IResourceGrain>(id).UpsertAsync(spec);
        Assert.Equal(ResourceHealth.Unhealthy, Assert.Single((await catalog.QueryAsync(new ResourceQuery())).Items).Health);

        await second.Client.GetGrain<IResourceGrain>(id).DeleteAsync();
        Assert.Equal(0, (await catalog.QueryAsync(new ResourceQuery())).Total);
    }
}
