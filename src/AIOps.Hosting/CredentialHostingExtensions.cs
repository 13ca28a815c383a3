using AIOps.Grains.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AIOps.Hosting;

/// <summary>Wires the credential vault for one of the two persistence modes.</summary>
public static class CredentialHostingExtensions
{
    /// <summary>
    /// Adds <see cref="ICredentialVault"/> with Data Protection (<see cref="DataProtectionExtensions.AddAIOpsDataProtection"/>):
    /// rows in PostgreSQL when <paramref name="connectionString"/> is set, in memory otherwise. Needs an
    /// <see cref="Grains.Audit.IAuditLog"/> (registered by <see cref="AIOpsStorageExtensions.AddAIOpsStorage"/>).
    /// </summary>
    public static IServiceCollection AddAIOpsCredentials(this IServiceCollection services, IConfiguration configuration, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAIOpsDataProtection(configuration, connectionString);
        services.TryAddSingleton(TimeProvider.System);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.TryAddSingleton<ICredentialStore, InMemoryCredentialStore>();
        }
        else
        {
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.TryAddSingleton<ICredentialStore, PostgresCredentialStore>();
        }

        services.TryAddSingleton<ICredentialVault, CredentialVault>();
        return services;
    }
}
