using AIOps.Abstractions.Events;
using AIOps.Grains.Actions;
using AIOps.Grains.Agents;
using AIOps.Grains.Audit;
using AIOps.Grains.Catalog;
using AIOps.Grains.Execution;
using AIOps.Grains.Journal;
using AIOps.Grains.Topology;
using AIOps.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace AIOps.Grains.Tests;

/// <summary>A two-silo in-process cluster in embedded mode (memory storage and streams), shared by a collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    // Every silo of the in-process cluster must see one journal, as they would see one database.
    internal static readonly InMemoryEventJournal SharedJournal = new();

    internal static readonly InMemoryAuditLog SharedAudit = new(TimeProvider.System);

    internal static readonly InMemoryResourceGraph SharedGraph = new();

    internal static readonly InMemoryResourceCatalog SharedCatalog = new();

    internal static readonly InMemoryActionIndex SharedActionIndex = new();
    internal static readonly Inventory.ScriptedInventory SharedInventory = new("scripted");

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton<IEventJournal>(SharedJournal);
            siloBuilder.Services.AddSingleton<IAuditLog>(SharedAudit);
            siloBuilder.Services.AddSingleton<IResourceGraph>(SharedGraph);
            siloBuilder.Services.AddSingleton<IResourceCatalog>(SharedCatalog);
            siloBuilder.Services.AddSingleton<IActionIndex>(SharedActionIndex);
            siloBuilder.Services.AddSingleton<IAgentHealthCheck, FlakyHealthCheck>();
            siloBuilder.Services.AddSingleton<AIOps.Estate.Inventory.IInventoryProvider>(SharedInventory);
            siloBuilder.Services.Configure<AIOps.Grains.Inventory.InventorySyncOptions>(o =>
            {
                o.Interval = TimeSpan.FromMinutes(10);
                o.PullWindow = TimeSpan.FromMilliseconds(100);
                o.RetryBackoff = TimeSpan.FromMilliseconds(50);
            });
            foreach (var planner in TestPlanners.All())
            {
                siloBuilder.Services.AddSingleton(planner);
            }

            siloBuilder.Services.Configure<ActionRunnerOptions>(o => o.BaseDelay = TimeSpan.FromMilliseconds(10));
            siloBuilder.Services.Configure<AgentHealthOptions>(o =>
            {
                o.Interval = TimeSpan.FromMilliseconds(200);
                o.FailuresBeforeDegraded = 2;
                o.RestartBackoff = TimeSpan.FromMilliseconds(600);
                o.MaxRestartBackoff = TimeSpan.FromSeconds(3);
            });
            siloBuilder.AddAIOpsStorage(connectionString: null);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.AddMemoryStreams(StreamNames.Provider);
            clientBuilder.Services.AddSerializer(s => s.AddAIOpsJsonTypes());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
