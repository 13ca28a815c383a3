namespace AIOps.Testing;

/// <summary>One throwaway PostgreSQL server per xUnit collection; each test takes its own database.</summary>
public sealed class PostgresFixture : Xunit.IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
