using AIOps.Hosting;

namespace AIOps.Silo.Hosting;

/// <summary>Applies deploy/sql before the silo joins the cluster.</summary>
internal sealed class SchemaStartupService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
