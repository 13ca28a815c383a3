using AIOps.Abstractions.Events;
using AIOps.Grains.Execution;
using AIOps.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace AIOps.Grains.Tests.Durable;

/// <summary>Starts in-process clusters in durable mode on a given database; a new cluster on the same database and service id is a full restart.</summary>
internal static class DurableCluster
{
    private const string ConnectionStringKey = "AIOpsTests:ConnectionString";

    public static async Task<TestCluster> StartAsync(string connectionString, string serviceId, short silos = 1)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            foreach (var planner in TestPlanners.All())
            {
                siloBuilder.Services.AddSingleton(planner);
            }

            siloBuilder.Services.Configure<ActionRunnerOptions>(o => o.StepTimeout = TimeSpan.FromMinutes(10));
            siloBuilder.AddAIOpsStorage(siloBuilder.Configuration[ConnectionStringKey]);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.AddAdoNetStreams(StreamNames.Provider, o =>
            {
                o.Invariant = AIOpsStorageExtensions.NpgsqlInvariant;
                o.ConnectionString = configuration[ConnectionStringKey];
            });
            clientBuilder.Services.AddSerializer(s => s.AddAIOpsJsonTypes());
        }
    }
}
