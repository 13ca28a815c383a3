using AIOps.Grains.Alerts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AIOps.Silo.Ingestion;

/// <summary>Wires the alert intake: store for the hosting mode, intake, counters and their flusher, and the body limit and rejection counting of ingestion requests.</summary>
public static class AlertIntakeExtensions
{
    /// <summary>Adds the intake; <see cref="PostgresAlertStore"/> when <paramref name="connectionString"/> is set, <see cref="InMemoryAlertStore"/> otherwise.</summary>
    public static IServiceCollection AddAlertIntake(this IServiceCollection services, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.TryAddSingleton<IAlertStore, InMemoryAlertStore>();
        }
        else
        {
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.TryAddSingleton<IAlertStore>(sp => new PostgresAlertStore(sp.GetRequiredService<NpgsqlDataSource>()));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestionCounters>();
        services.AddSingleton<IngestionCountersFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestionCountersFlusher>());
        services.AddSingleton<AlertIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertIntake>());
        services.AddTransient<IStartupFilter, IngestionCountersStartupFilter>();
        return services;
    }
}
