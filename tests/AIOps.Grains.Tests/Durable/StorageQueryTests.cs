using AIOps.Testing;
using Npgsql;
using NpgsqlTypes;

namespace AIOps.Grains.Tests.Durable;

/// <summary>The project's own SQL behind the Orleans storage provider keeps the provider's optimistic-concurrency contract.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StorageQueryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task WriteToStorageInsertsOnceUpdatesOnTheCurrentVersionAndReportsEveryConflict()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(db);
        string write;
        await using (var load = dataSource.CreateCommand("SELECT querytext FROM orleansquery WHERE querykey = 'WriteToStorageKey'"))
        {
            write = (string)(await load.ExecuteScalarAsync())!;
        }

        async Task<int?> WriteAsync(int? expected, string payload, string? extension = null)
        {
            await using var command = dataSource.CreateCommand(write);
            command.Parameters.Add(new NpgsqlParameter("GrainIdHash", NpgsqlDbType.Integer) { Value = 42 });
            command.Parameters.Add(new NpgsqlParameter("GrainIdN0", NpgsqlDbType.Bigint) { Value = 7L });
            command.Parameters.Add(new NpgsqlParameter("GrainIdN1", NpgsqlDbType.Bigint) { Value = 9L });
            command.Parameters.Add(new NpgsqlParameter("GrainTypeHash", NpgsqlDbType.Integer) { Value = 3 });
            command.Parameters.Add(new NpgsqlParameter("GrainTypeString", NpgsqlDbType.Varchar) { Value = "resource" });
            command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Varchar) { Value = (object?)extension ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Varchar) { Value = "svc" });
            command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)expected ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("PayloadBinary", NpgsqlDbType.Bytea) { Value = System.Text.Encoding.UTF8.GetBytes(payload) });
            var result = await command.ExecuteScalarAsync();
            return result is DBNull or null ? null : (int)result;
        }

        Assert.Equal(1, await WriteAsync(null, "a"));
        Assert.Null(await WriteAsync(null, "lost first-write race"));
        Assert.Equal(2, await WriteAsync(1, "b"));
        Assert.Equal(1, await WriteAsync(1, "stale writer"));
        Assert.Equal(1, await WriteAsync(null, "other key", extension: "ext"));

        await using var read = dataSource.CreateCommand("SELECT convert_from(payloadbinary, 'UTF8'), version FROM orleansstorage WHERE grainidextensionstring IS NULL");
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("b", 2), (reader.GetString(0), reader.GetInt32(1)));
        Assert.False(await reader.ReadAsync());
    }
}
