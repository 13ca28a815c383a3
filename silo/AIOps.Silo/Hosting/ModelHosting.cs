using System.Diagnostics;
using System.Globalization;
using AIOps.Grains.Models;
using AIOps.Grains.Runbooks;
using AIOps.Incidents.Classification;
using AIOps.Incidents.Models;
using AIOps.Incidents.Remediation;
using AIOps.Incidents.Training;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AIOps.Silo.Hosting;

/// <summary>
/// Wires the model store (in memory when embedded, <c>aiops_models</c> in PostgreSQL when durable), the incident-type
/// catalog and classifier, and trains the incident-type model in the background at start when the store has none (or
/// only one trained by another trainer), so classification uses it a few seconds after start; the catalog classifies
/// alone until then.
/// </summary>
public static partial class ModelHosting
{
    /// <summary>Adds <see cref="IModelStore"/>, the remediation outcome store, <see cref="IncidentClassifierSource"/> and the start-up training.</summary>
    public static IServiceCollection AddAIOpsModels(this IServiceCollection services, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.TryAddSingleton<IModelStore, InMemoryModelStore>();
            services.TryAddSingleton<IRemediationOutcomeStore, InMemoryRemediationOutcomeStore>();
        }
        else
        {
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.TryAddSingleton<IModelStore, PostgresModelStore>();
            services.TryAddSingleton<IRemediationOutcomeStore, PostgresRemediationOutcomeStore>();
        }

        services.TryAddSingleton(IncidentTypeCatalog.Default);
        services.TryAddSingleton<IncidentClassifierSource>();
        services.AddHostedService<IncidentModelStartup>();
        return services;
    }

    /// <summary>Loads the newest incident-type model, training one first if there is none.</summary>
    private sealed partial class IncidentModelStartup(IModelStore store, IncidentClassifierSource source, IncidentTypeCatalog catalog, ILogger<IncidentModelStartup> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            // Off the start-up path: the silo answers while this runs.
            await Task.Yield();
            try
            {
                var latest = await store.LoadLatestAsync(IncidentClassifier.ModelName, stoppingToken);
                if (latest is null || latest.Value.Version.Trainer != IncidentTypeTrainer.TrainerName)
                {
                    var clock = Stopwatch.StartNew();
                    var examples = await Task.Run(() => SimulationTrainingData.Generate(cancellationToken: stoppingToken), stoppingToken);
                    var generated = clock.Elapsed;
                    var version = await Task.Run(() => IncidentTypeTrainer.TrainAsync(store, examples, stoppingToken), stoppingToken);
                    var m = version.Metrics;
                    LogTrained(logger, version.Tag, version.Examples, (long)generated.TotalMilliseconds, (long)(clock.Elapsed - generated).TotalMilliseconds, m.Folds, m.Accuracy, m.MacroPrecision, m.MacroRecall,
                        string.Join(", ", m.Classes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Label} P={c.Precision:0.000} R={c.Recall:0.000} n={c.Support}"))));
                }

                var classifier = await IncidentClassifier.LoadAsync(store, catalog, stoppingToken);
                source.Use(classifier);
                LogInUse(logger, classifier.ModelVersion!.Tag);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping during start-up.
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
            {
                LogFailed(logger, e);
            }
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Incident-type model {Tag} trained on {Examples} simulated examples (generated in {GenerateMs} ms, cross-validated and trained in {TrainMs} ms): {Folds}-fold accuracy {Accuracy:0.000}, macro precision {MacroPrecision:0.000}, macro recall {MacroRecall:0.000}; {PerClass}")]
        private static partial void LogTrained(ILogger logger, string tag, int examples, long generateMs, long trainMs, int folds, double accuracy, double macroPrecision, double macroRecall, string perClass);

        [LoggerMessage(Level = LogLevel.Information, Message = "Incidents are classified with the catalog and model {Tag}.")]
        private static partial void LogInUse(ILogger logger, string tag);

        [LoggerMessage(Level = LogLevel.Error, Message = "The incident-type model could not be trained or loaded; incidents are classified with the catalog alone.")]
        private static partial void LogFailed(ILogger logger, Exception exception);
    }
}
