using AIOps.Hosting;
using AIOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AIOps.Grains.Tests.Durable;

/// <summary>One throwaway PostgreSQL server for the durable-mode collection; each test takes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A new database with the schema applied.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await Server.CreateDatabaseAsync();
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
