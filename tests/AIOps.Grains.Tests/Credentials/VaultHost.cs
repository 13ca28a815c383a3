using AIOps.Grains.Audit;
using AIOps.Grains.Credentials;
using AIOps.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AIOps.Grains.Tests.Credentials;

/// <summary>What one silo wires for credentials, without the rest of the silo: the same extension, its own container.</summary>
internal sealed class VaultHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private VaultHost(ServiceProvider services) => _services = services;

    public ICredentialVault Vault => _services.GetRequiredService<ICredentialVault>();

    public ICredentialStore Store => _services.GetRequiredService<ICredentialStore>();

    public IAuditLog Audit => _services.GetRequiredService<IAuditLog>();

    public IDataProtectionProvider DataProtection => _services.GetRequiredService<IDataProtectionProvider>();

    /// <summary>Embedded mode when <paramref name="connectionString"/> is null, durable otherwise.</summary>
    public static VaultHost Start(string? connectionString = null, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging();
        if (connectionString is null)
        {
            services.AddSingleton<IAuditLog>(new InMemoryAuditLog(TimeProvider.System));
        }
        else
        {
            services.AddSingleton<IAuditLog>(sp => new PostgresAuditLog(sp.GetRequiredService<NpgsqlDataSource>(), TimeProvider.System));
        }

        services.AddAIOpsCredentials(configuration, connectionString);
        return new VaultHost(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
