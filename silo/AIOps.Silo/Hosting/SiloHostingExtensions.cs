using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using AIOps.Grains.Agents;
using AIOps.Hosting;
using AIOps.Silo.Hubs;
using AIOps.Silo.Ingestion;
using Microsoft.AspNetCore.Http.Json;
using Npgsql;
using Orleans.Configuration;

namespace AIOps.Silo.Hosting;

/// <summary>Composes the silo: Orleans in the chosen mode, health checks, JSON and problem details.</summary>
public static partial class SiloHostingExtensions
{
    /// <summary>Section that tunes failure detection (<see cref="ClusterMembershipOptions"/>), e.g. for fast failover in tests.</summary>
    public const string MembershipSection = "AIOps:Membership";

    /// <summary>Adds Orleans and the HTTP surface; durable mode when <c>ConnectionStrings:aiops</c> is set.</summary>
    public static WebApplicationBuilder AddAIOpsSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AIOpsOptions>()
            .BindConfiguration(AIOpsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(AIOpsOptions.SectionName).Get<AIOpsOptions>() ?? new AIOpsOptions();
        var connectionString = builder.Configuration.GetConnectionString(AIOpsOptions.ConnectionStringName);
        var durable = !string.IsNullOrWhiteSpace(connectionString);
        builder.Services.AddSingleton(new HostingMode(durable));

        if (durable)
        {
            ValidateConnectionString(connectionString!);
            if (options.ApplySchemaOnStart)
            {
                // Registered before UseOrleans: hosted services start in order, and membership needs the tables.
                builder.Services.AddHostedService<SchemaStartupService>();
            }
        }

        var startupGate = new StartupGate();
        builder.Services.AddSingleton(startupGate);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(MembershipSection);
            silo.Services.AddOptions<AgentHealthOptions>().BindConfiguration(AgentHealthOptions.SectionName);
            silo.Services.AddOptions<AIOps.Incidents.Correlation.CorrelationOptions>().BindConfiguration("IncidentResponse:Correlation");
            if (durable)
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = AIOpsStorageExtensions.NpgsqlInvariant;
                    o.ConnectionString = AIOpsStorageExtensions.ProviderConnectionString(connectionString!);
                });
                silo.ConfigureEndpoints(AdvertisedAddress(options), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: options.AdvertisedAddress is not null);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
            }

            silo.AddAIOpsStorage(connectionString);
            var simulation = silo.AddAIOpsSimulation(builder.Configuration);
            silo.Services.AddAIOpsMetrics(builder.Configuration, simulation);
            silo.AddStartupTask(static async (services, _) =>
            {
                var grains = services.GetRequiredService<IGrainFactory>();
                foreach (var name in services.GetRequiredService<AIOps.Grains.Inventory.InventoryProviders>().Names)
                {
                    await grains.GetGrain<AIOps.Abstractions.Inventory.IInventorySyncGrain>(name).StartAsync();
                }
            });
            silo.AddCostHistoryRecorder();
            if (options.SeedDefaultAgents)
            {
                silo.AddStartupTask<DefaultAgentSeeder>();
            }
            else
            {
                startupGate.Open();
            }
        });

        builder.Services.AddAIOpsCredentials(builder.Configuration, connectionString);
        builder.Services.AddAIOpsModels(connectionString);
        builder.Services.AddAIOpsCostHistory(builder.Configuration, connectionString);
        builder.Services.AddAlertIntake(connectionString);
        builder.Services.AddHealthChecks()
            .AddCheck<SiloReadinessCheck>("silo", tags: [SiloReadinessCheck.ReadyTag]);
        builder.Services.AddSignalR().AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions)).AddMessagePackProtocol();
        builder.Services.AddSingleton<LiveFeedSender>();
        builder.Services.AddHostedService<LiveFeedRelay>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<AIOps.Silo.Identity.SecuritySchemeTransformer>());
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        return builder;
    }

    /// <summary>The API's JSON shape: camelCase, enums as kebab-case strings (<c>semi-auto</c>), numbers refused for enums.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    /// <summary>Says plainly at start whether state survives a restart.</summary>
    public static void LogHostingMode(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var mode = app.Services.GetRequiredService<HostingMode>();
        if (mode.Durable)
        {
            LogDurable(app.Logger);
        }
        else
        {
            LogEmbedded(app.Logger);
        }
    }

    private static IPAddress AdvertisedAddress(AIOpsOptions options) =>
        options.AdvertisedAddress is null ? IPAddress.Loopback
        : IPAddress.TryParse(options.AdvertisedAddress, out var address) ? address
        : throw new InvalidOperationException($"AIOps:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address.");

    private static void ValidateConnectionString(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"ConnectionStrings:aiops is not a valid PostgreSQL connection string: {e.Message}", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded mode: grain state, streams, reminders and journals are kept in memory and are LOST when this process stops. For durable mode set ConnectionStrings__aiops to a PostgreSQL connection string (e.g. \"Host=localhost;Database=aiops;Username=aiops;Password=...\"); the schema is applied at start, or with the 'migrate' command.")]
    private static partial void LogEmbedded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable mode: clustering, grain state, reminders, streams and journals are stored in PostgreSQL.")]
    private static partial void LogDurable(ILogger logger);
}
