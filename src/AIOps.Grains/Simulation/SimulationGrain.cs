using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Alerts;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Orchestration;
using AIOps.Estate.Inventory;
using AIOps.Estate.Metrics;
using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Inventory;
using AIOps.Simulation.Observations;
using AIOps.Simulation.Scenarios;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AIOps.Grains.Simulation;

/// <summary>
/// Holds the simulated estate (generated from <see cref="EstateOptions.Seed"/>) and advances it once a second; new
/// alerts and Kubernetes events go to the event router as <c>alert.firing</c>/<c>alert.resolved</c> and
/// <c>k8s.event</c> events from source <c>simulation</c>. In durable mode the estate is regenerated from the seed
/// after a failover and running scenarios are lost: it is a simulation, not state anyone depends on.
/// </summary>
public sealed partial class SimulationGrain(IOptions<EstateOptions> options, TimeProvider clock, ILogger<SimulationGrain> logger) : Grain, ISimulationGrain
{
    private const int MaxRoutedPerTick = 500;
    private SimulatedEstate _estate = null!;
    private long _alertsRouted;
    private long _eventsRouted;
    private long _logsRouted;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _estate = SimulatedEstate.Create(options.Value, clock);
        this.RegisterGrainTimer(static (grain, _) => grain.TickAsync(), this, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        LogCreated(logger, _estate.Count, options.Value.Seed, options.Value.AlertEvaluationInterval, options.Value.AlertForFactor);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<InventoryPage> ListAsync(int offset, int limit)
    {
        if (offset < 0 || limit is < 1 or > 10_000)
        {
            throw new ValidationException("limit", "offset must be 0 or more and limit 1 to 10000");
        }

        var snapshot = await _estate.InventoryProvider.ListAsync(CancellationToken.None);
        return new InventoryPage([.. snapshot.Resources.Skip(offset).Take(limit)], snapshot.Resources.Count, snapshot.Cursor);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InventoryChange>> ChangesAsync(string cursor, int max)
    {
        var changes = new List<InventoryChange>();
        using var window = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        try
        {
            await foreach (var change in _estate.InventoryProvider.WatchAsync(cursor, window.Token))
            {
                changes.Add(change);
                if (changes.Count >= max)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested)
        {
            // Nothing more for now.
        }
        catch (InventoryCursorExpiredException e)
        {
            throw new ConflictException(e.Message);
        }

        return changes;
    }

    /// <inheritdoc />
    public Task<ScenarioInfo> StartScenarioAsync(ScenarioRequest request) => Task.FromResult(Validated(() => _estate.StartScenario(request)));

    /// <inheritdoc />
    public Task<ScenarioInfo> StopScenarioAsync(string id) => Task.FromResult(Validated(() => _estate.StopScenario(id)));

    /// <inheritdoc />
    public Task<IReadOnlyList<ScenarioInfo>> ScenariosAsync() => Task.FromResult(_estate.Scenarios());

    /// <inheritdoc />
    public Task<ScenarioInfo> GetScenarioAsync(string id) =>
        Task.FromResult(_estate.GetScenario(id) ?? throw new NotFoundException("scenario", id));

    /// <inheritdoc />
    public Task<SimulationActionOutcome> ApplyAsync(SimulationActionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = string.IsNullOrWhiteSpace(request.ResourceId) ? throw new ValidationException("resourceId", "is required") : request.ResourceId;
        EstateAction action = request.Action?.ToLowerInvariant() switch
        {
            "scale" => new ScaleAction(id, request.Replicas ?? throw new ValidationException("replicas", "is required for scale")),
            "restart" => new RestartAction(id),
            "rollback" => new RollbackAction(id, request.Revision),
            "resize" => new ResizeAction(id, request.Size ?? throw new ValidationException("size", "is required for resize")),
            "stop" => new StopAction(id),
            "delete" => new DeleteAction(id),
            _ => throw new ValidationException("action", "must be scale, restart, rollback, resize, stop or delete"),
        };
        var result = Validated(() => _estate.Apply(action));
        return Task.FromResult(new SimulationActionOutcome(result.Description, [.. result.ChangedIds], [.. result.ResolvedScenarioIds], result.At));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MetricSample>> SampleAsync() => Task.FromResult(_estate.Sample(clock.GetUtcNow()));

    /// <inheritdoc />
    public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(MetricQuery query) => _estate.MetricsSource.QueryRangeAsync(query, CancellationToken.None);

    /// <inheritdoc />
    public Task<IReadOnlyList<SimulatedAlert>> AlertsAsync(long afterSequence) => Task.FromResult(_estate.Alerts(afterSequence));

    /// <inheritdoc />
    public Task<IReadOnlyList<SimulatedEvent>> EventsAsync(long afterSequence) => Task.FromResult(_estate.Events(afterSequence));

    /// <inheritdoc />
    public Task<IReadOnlyList<SimulatedLogLine>> LogsAsync(long afterSequence) => Task.FromResult(_estate.Logs(afterSequence));

    private static T Validated<T>(Func<T> act)
    {
        try
        {
            return act();
        }
        catch (SimulationValidationException e)
        {
            throw new ValidationException(e.Field, e.Message);
        }
    }

    /// <summary>Advances the estate and routes what it produced since the last tick.</summary>
    private async Task TickAsync()
    {
        _estate.Advance();
        var correlator = GrainFactory.GetGrain<IAlertCorrelatorGrain>(IAlertCorrelatorGrain.Key);
        var router = GrainFactory.GetGrain<IEventRouterGrain>(0);
        var context = ImmutableArray.CreateBuilder<SystemEvent>();
        foreach (var item in _estate.Events(_eventsRouted).Take(MaxRoutedPerTick))
        {
            _eventsRouted = item.Sequence;
            var systemEvent = SimulationSignals.Event(item);
            context.Add(systemEvent);
            await router.RouteEventAsync(systemEvent);
        }

        foreach (var line in _estate.Logs(_logsRouted).Take(MaxRoutedPerTick * 4))
        {
            _logsRouted = line.Sequence;
            context.Add(SimulationSignals.Log(line));
        }

        if (context.Count > 0)
        {
            await correlator.ObserveContextAsync(context.ToImmutable());
        }

        // Alerts go to the incident response agent's correlator, which routes them on to the agents' streams.
        var now = _estate.TimeProvider.GetUtcNow();
        var alerts = _estate.Alerts(_alertsRouted).Take(MaxRoutedPerTick).ToList();
        if (alerts.Count > 0)
        {
            await correlator.ObserveAsync([.. alerts.Select(alert =>
                new AlertSignal(SimulationSignals.Alert(alert), alert.Status == "resolved" ? AlertChange.Resolved : AlertChange.Firing, 1, now))]);
            _alertsRouted = alerts[^1].Sequence;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated estate of {Count} resources generated from seed {Seed}; alert rules evaluated every {Interval}, their hold times scaled by {ForFactor}")]
    private static partial void LogCreated(ILogger logger, int count, ulong seed, TimeSpan interval, double forFactor);
}
