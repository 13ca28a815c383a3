using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.Runtime;

namespace AIOps.Silo.Hosting;

/// <summary>Ready when this silo is an active cluster member and, in durable mode, PostgreSQL answers.</summary>
internal sealed class SiloReadinessCheck(
    ILocalSiloDetails localSilo,
    IClusterMembershipService membership,
    StartupGate startup,
    IServiceProvider services) : IHealthCheck
{
    public const string ReadyTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"silo {localSilo.SiloAddress} is {status}, not active");
        }

        if (!startup.IsOpen)
        {
            return HealthCheckResult.Unhealthy("start-up work (default agents) is not finished");
        }

        if (services.GetService<NpgsqlDataSource>() is { } dataSource)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(timeout.Token);
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer", e);
            }
        }

        return HealthCheckResult.Healthy($"silo {localSilo.SiloAddress} active");
    }
}
