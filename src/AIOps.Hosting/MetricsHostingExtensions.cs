using AIOps.Estate.Metrics;
using AIOps.Grains.Simulation;
using AIOps.Metrics.Embedded;
using AIOps.Metrics.Influx;
using AIOps.Metrics.Prometheus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AIOps.Hosting;

/// <summary>
/// The metrics pipeline (section <c>Metrics</c>): where metrics are kept (<see cref="ITimeSeriesStore"/>: InfluxDB when
/// <c>Metrics:Influx:Url</c> is set, else the embedded store) and read (<see cref="IMetricsSource"/>: Prometheus when
/// <c>Metrics:Prometheus:BaseAddress</c> is set, else the store). With the simulated estate on, a collector writes its
/// samples into the store every <c>Metrics:CollectInterval</c>.
/// </summary>
public static partial class MetricsHostingExtensions
{
    /// <summary>Registers the store, the source and, when <paramref name="simulation"/>, the collector.</summary>
    public static IServiceCollection AddAIOpsMetrics(this IServiceCollection services, IConfiguration configuration, bool simulation)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var influx = configuration.GetSection(InfluxOptions.SectionName).Get<InfluxOptions>();
        if (influx?.Url is not null)
        {
            influx.Validate();
            services.AddSingleton<ITimeSeriesStore>(sp => new InfluxTimeSeriesStore(influx, sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            var embedded = configuration.GetSection(EmbeddedStoreOptions.SectionName).Get<EmbeddedStoreOptions>() ?? new EmbeddedStoreOptions();
            services.AddSingleton<ITimeSeriesStore>(sp => new EmbeddedTimeSeriesStore(embedded, sp.GetRequiredService<TimeProvider>()));
        }

        var prometheus = configuration.GetSection(PrometheusOptions.SectionName).Get<PrometheusOptions>();
        if (prometheus?.BaseAddress is not null)
        {
            prometheus.Validate();
            // One long-lived client: its handler pools connections to the one Prometheus.
            services.AddSingleton<IMetricsSource>(_ => new PrometheusMetricsSource(new HttpClient(), prometheus));
        }
        else if (influx?.Url is not null && simulation)
        {
            // InfluxDB 2 is read with Flux, which this platform does not speak: read the estate itself instead.
            services.AddSingleton<IMetricsSource>(sp => new SimulationMetricsSource(sp.GetRequiredService<IGrainFactory>()));
        }
        else
        {
            // The embedded store, or InfluxDB without a Prometheus-compatible reader: its queries say how to configure one.
            services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<ITimeSeriesStore>());
        }

        if (simulation)
        {
            var interval = configuration.GetValue("Metrics:CollectInterval", TimeSpan.FromSeconds(15));
            if (interval < TimeSpan.FromSeconds(1))
            {
                throw new InvalidOperationException("Metrics:CollectInterval must be at least one second.");
            }

            services.AddHostedService(sp => new SimulationMetricsCollector(
                sp.GetRequiredService<IGrainFactory>, sp.GetRequiredService<ITimeSeriesStore>(), interval, sp.GetRequiredService<ILogger<SimulationMetricsCollector>>()));
        }

        return services;
    }
}

/// <summary>Writes the simulated estate's current samples into the time-series store at a fixed interval, like a scrape.</summary>
internal sealed partial class SimulationMetricsCollector(Func<IGrainFactory> grains, ITimeSeriesStore store, TimeSpan interval, ILogger<SimulationMetricsCollector> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                try
                {
                    var samples = await grains().GetGrain<ISimulationGrain>(ISimulationGrain.Key).SampleAsync();
                    await store.WriteAsync(samples, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The silo may still be joining the cluster; the next round tries again.
                    LogCollectFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collecting the simulated estate's metrics failed; trying again next interval")]
    private static partial void LogCollectFailed(ILogger logger, Exception exception);
}

/// <summary>Range queries answered by the simulated estate itself.</summary>
internal sealed class SimulationMetricsSource(IGrainFactory grains) : IMetricsSource
{
    public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(MetricQuery query, CancellationToken cancellationToken) =>
        grains.GetGrain<ISimulationGrain>(ISimulationGrain.Key).QueryRangeAsync(query);
}
