using AIOps.Grains.Models;
using AIOps.Grains.Tests.Durable;
using AIOps.Incidents.Models;
using AIOps.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AIOps.Grains.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresModelStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset At = new(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private static readonly ModelMetrics Metrics = new(5, 0.93, 0.91, 0.9, [new ClassMetrics("node-failure", 1, 0.95, 20), new ClassMetrics("memory-leak", 0.875, 1, 14)]);

    [Fact]
    public async Task VersionsCountUpPerNameWithTheirMetricsAndTheLatestLoadsWithItsBytes()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync());
        var clock = new FakeTimeProvider(At);
        var store = new PostgresModelStore(dataSource, clock);
        Assert.Null(await store.LoadLatestAsync("incident-type"));
        Assert.Empty(await store.ListLatestAsync());

        var first = await store.SaveAsync("incident-type", new byte[] { 1, 2, 3 }, "FeaturizeText+LbfgsMaximumEntropy", 130, Metrics);
        clock.Advance(TimeSpan.FromHours(1));
        var second = await store.SaveAsync("incident-type", new byte[] { 4, 5 }, "FeaturizeText+LbfgsMaximumEntropy", 140, Metrics with { Accuracy = 0.97 });
        var other = await store.SaveAsync("remediation-success", new byte[] { 9 }, "FastTree", 12, Metrics);

        Assert.Equal(new ModelVersion("incident-type", 1, At, "FeaturizeText+LbfgsMaximumEntropy", 130, Metrics).Tag, first.Tag);
        Assert.Equal((2, At.AddHours(1), 140), (second.Version, second.TrainedAt, second.Examples));
        Assert.Equal(1, other.Version);
        var latest = await store.LoadLatestAsync("incident-type");
        Assert.Equal(new byte[] { 4, 5 }, latest!.Value.Model);
        Assert.Equal(0.97, latest.Value.Version.Metrics.Accuracy);
        Assert.Equal(Metrics.Classes.AsEnumerable(), latest.Value.Version.Metrics.Classes.AsEnumerable());
        Assert.Equal((5, 0.91, 0.9), (latest.Value.Version.Metrics.Folds, latest.Value.Version.Metrics.MacroPrecision, latest.Value.Version.Metrics.MacroRecall));
        Assert.Equal([2, 1], (await store.ListAsync("incident-type")).Select(v => v.Version));
        Assert.Empty(await store.ListAsync("nothing"));
        Assert.Equal([("incident-type", 2), ("remediation-success", 1)], (await store.ListLatestAsync()).Select(v => (v.Name, v.Version)));

        // A second silo on the same database sees the same history.
        await using var again = NpgsqlDataSource.Create(dataSource.ConnectionString);
        Assert.Equal(second.Tag, (await new PostgresModelStore(again, clock).LoadLatestAsync("incident-type"))!.Value.Version.Tag);
    }

    [Fact]
    public async Task SilosSavingAtOnceGetDistinctConsecutiveVersions()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var a = NpgsqlDataSource.Create(connectionString);
        await using var b = NpgsqlDataSource.Create(connectionString);
        var stores = new[] { new PostgresModelStore(a, TimeProvider.System), new PostgresModelStore(b, TimeProvider.System) };
        var saved = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => stores[i % 2].SaveAsync("incident-type", new byte[] { (byte)i }, "t", i, Metrics)));
        Assert.Equal(Enumerable.Range(1, 20), saved.Select(v => v.Version).Order());
        Assert.Equal(20, (await stores[0].ListAsync("incident-type")).Count);
    }

    [Fact]
    public async Task TheSchemaScriptCanRunTwice()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var script = AIOps.Hosting.SchemaMigrator.Scripts.Single(s => s.Name.Contains("060_aiops_models", StringComparison.Ordinal)).Sql;
        await using var command = dataSource.CreateCommand(script);
        await command.ExecuteNonQueryAsync();
        await command.ExecuteNonQueryAsync();
    }
}
