using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace AIOps.Silo.Identity;

/// <summary>Holds the issuer's keys once they are loaded; the issuer reads them when it first runs.</summary>
public sealed class IdentityKeyRingSource
{
    private volatile IdentityKeyRing? _ring;

    /// <summary>The keys.</summary>
    /// <exception cref="InvalidOperationException">Asked before they were loaded at start.</exception>
    public IdentityKeyRing Ring => _ring ?? throw new InvalidOperationException("The issuer's keys are not loaded yet; the silo is still starting.");

    /// <summary>Sets the keys.</summary>
    public void Set(IdentityKeyRing ring) => _ring = ring;
}

/// <summary>Loads (or on the first silo creates) the cluster's issuer keys from PostgreSQL at start.</summary>
internal sealed class IdentityKeyLoader(IdentityKeyRingSource source, Func<NpgsqlDataSource> dataSource, IDataProtectionProvider protection) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        source.Set(await IdentityKeyRing.LoadOrCreateAsync(dataSource(), protection, cancellationToken));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
