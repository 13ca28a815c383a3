using AIOps.Abstractions.Costs;
using AIOps.Grains.Costs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AIOps.Silo.Hosting;

/// <summary>The cost history: its store (memory or PostgreSQL), its interval, and the recorder started with the silo.</summary>
public static class CostHistoryHosting
{
    /// <summary>
    /// Adds the <see cref="ICostHistoryStore"/>, <see cref="CostHistoryOptions"/> (<c>AIOps:Costs</c>) and the
    /// <see cref="CostRecommendationService"/> (which reads the silo's metrics source).
    /// </summary>
    public static IServiceCollection AddAIOpsCostHistory(this IServiceCollection services, IConfiguration configuration, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CostHistoryOptions>().Bind(configuration.GetSection("AIOps:Costs"));
        services.TryAddSingleton<CostRecommendationService>();
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.TryAddSingleton<ICostHistoryStore, InMemoryCostHistoryStore>();
        }
        else
        {
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.TryAddSingleton<ICostHistoryStore, PostgresCostHistoryStore>();
        }

        return services;
    }

    /// <summary>Starts the recorder once the silo is up (its reminder keeps it going after that).</summary>
    public static ISiloBuilder AddCostHistoryRecorder(this ISiloBuilder silo) =>
        silo.AddStartupTask(static (services, _) =>
            services.GetRequiredService<IGrainFactory>().GetGrain<ICostHistoryGrain>(ICostHistoryGrain.Key).EnsureRecordingAsync());
}
