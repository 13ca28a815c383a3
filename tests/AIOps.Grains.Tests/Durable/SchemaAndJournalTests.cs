using AIOps.Grains.Journal;
using AIOps.Hosting;
using AIOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AIOps.Grains.Tests.Durable;

[Collection(PostgresCollection.Name)]
public sealed class SchemaAndJournalTests(PostgresFixture postgres)
{
    [Fact]
    public async Task EverySchemaScriptRunsTwiceOnTheSameDatabaseWithoutErrorOrDataLoss()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        Assert.NotEmpty(SchemaMigrator.Scripts);
        foreach (var (_, sql) in SchemaMigrator.Scripts)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        var queries = await CountAsync(connection, "SELECT count(*) FROM orleansquery");
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO aiops_event_journal (grain_type, grain_id, version, event_type, payload, recorded_at) VALUES ('t', 'g', 1, 'e', '{}', now())", connection))
        {
            await insert.ExecuteNonQueryAsync();
        }

        foreach (var (_, sql) in SchemaMigrator.Scripts)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(queries, await CountAsync(connection, "SELECT count(*) FROM orleansquery"));
        Assert.Equal(1, await CountAsync(connection, "SELECT count(*) FROM aiops_event_journal"));
        Assert.True(queries >= 25, $"only {queries} provider queries were installed");
    }

    [Fact]
    public async Task TheMigratorAppliesEachScriptOnceAndThenNothing()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(db);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        var first = await migrator.MigrateAsync();
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Name), first);
        Assert.Empty(await migrator.MigrateAsync());
    }

    [Fact]
    public async Task TheJournalRefusesAStaleWriterAndLetsExactlyOneOfTwoRacingWritersWin()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(db);
        var journal = new PostgresEventJournal(dataSource);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await journal.AppendAsync("incident", "i1", 0, [new JournalRecord(1, "opened", "{}", now), new JournalRecord(2, "resolved", "{}", now)]));
        Assert.False(await journal.AppendAsync("incident", "i1", 1, [new JournalRecord(2, "x", "{}", now)]));
        Assert.False(await journal.AppendAsync("incident", "i1", 5, [new JournalRecord(6, "x", "{}", now)]));

        var racers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            journal.AppendAsync("incident", "i1", 2, [new JournalRecord(3, $"racer-{i}", "{}", now)])));
        Assert.Equal(1, racers.Count(won => won));

        var stored = await journal.ReadAsync("incident", "i1", 0);
        Assert.Equal([1, 2, 3], stored.Select(r => r.Version));
        Assert.Equal(["opened", "resolved"], stored.Take(2).Select(r => r.EventType));
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
