using AIOps.Hosting;
using AIOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AIOps.Grains.Tests.Durable;

internal static class PostgresFixtureExtensions
{
    /// <summary>A new database with the schema applied.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync(this PostgresFixture fixture)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return connectionString;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
