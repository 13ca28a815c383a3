using AIOps.Abstractions;
using AIOps.Abstractions.Events;
using AIOps.Grains.Actions;
using AIOps.Grains.Agents;
using AIOps.Grains.Audit;
using AIOps.Grains.Catalog;
using AIOps.Grains.Costs;
using AIOps.Grains.Execution;
using AIOps.Grains.Inventory;
using AIOps.Grains.Journal;
using AIOps.Grains.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Serialization;

namespace AIOps.Hosting;

/// <summary>Wires grain storage, streams, reminders and event journals for one of the two persistence modes.</summary>
public static class AIOpsStorageExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql; the providers look the driver up by exactly this name.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Embedded mode when <paramref name="connectionString"/> is null (memory storage, streams, reminders and
    /// journal); durable mode on PostgreSQL otherwise. Clustering is configured separately.
    /// </summary>
    public static ISiloBuilder AddAIOpsStorage(this ISiloBuilder silo, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddOptions<AgentHealthOptions>();
        silo.Services.AddOptions<ActionRunnerOptions>();
        silo.Services.TryAddSingleton<ResilienceRegistry>();
        silo.Services.TryAddSingleton(sp => new ActionPlannerRegistry(sp.GetServices<IActionPlanner>()));
        silo.Services.TryAddSingleton<ActionRunner>();
        silo.Services.TryAddSingleton<CostReportService>();
        silo.Services.AddOptions<InventorySyncOptions>();
        silo.Services.TryAddSingleton<InventoryProviders>();
        silo.Services.TryAddSingleton<TopologyService>();
        silo.Services.AddSerializer(serializer => serializer.AddAIOpsJsonTypes());
        silo.AddCustomStorageBasedLogConsistencyProvider(StorageNames.Journal);
        silo.UseSystemTextJsonGrainStorageSerializer();

        // One audit chain per cluster: in PostgreSQL when durable, in memory (single silo) when embedded.
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            silo.Services.TryAddSingleton<IAuditLog, InMemoryAuditLog>();
        }
        else
        {
            silo.Services.TryAddSingleton<IAuditLog, PostgresAuditLog>();
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            silo.AddMemoryGrainStorage(StorageNames.Grains);
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.AddMemoryStreams(StreamNames.Provider);
            silo.UseInMemoryReminderService();
            silo.Services.TryAddSingleton<IEventJournal, InMemoryEventJournal>();
            silo.Services.TryAddSingleton<IResourceGraph, InMemoryResourceGraph>();
            silo.Services.TryAddSingleton<IResourceCatalog, InMemoryResourceCatalog>();
            silo.Services.TryAddSingleton<IActionIndex, InMemoryActionIndex>();
            return silo;
        }

        silo.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        connectionString = ProviderConnectionString(connectionString);
        silo.Services.TryAddSingleton<SchemaMigrator>();
        silo.Services.TryAddSingleton<IEventJournal, PostgresEventJournal>();
        silo.Services.TryAddSingleton<IResourceGraph, PostgresResourceGraph>();
        silo.Services.TryAddSingleton<IResourceCatalog, PostgresResourceCatalog>();
        silo.Services.TryAddSingleton<IActionIndex, PostgresActionIndex>();
        silo.AddAdoNetGrainStorage(StorageNames.Grains, o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.PubSub, o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetStreams(StreamNames.Provider, o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>
    /// The connection string the Orleans ADO.NET providers use. They send the same few statements all the time
    /// and leave no session state behind, so pooled connections skip Npgsql's reset (<c>DISCARD ALL</c>, which
    /// also drops cached plans) and statements are prepared automatically after two uses. Settings given in
    /// <paramref name="connectionString"/> win.
    /// </summary>
    public static string ProviderConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
