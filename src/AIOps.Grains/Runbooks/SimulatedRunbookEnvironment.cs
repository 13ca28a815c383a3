using System.Collections.Immutable;
using System.Globalization;
using AIOps.Incidents.Runbooks;
using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;

namespace AIOps.Grains.Runbooks;

/// <summary>
/// Runs runbooks straight against an in-process <see cref="SimulatedEstate"/> on a <see cref="ManualClock"/>: the
/// cold-start trainer and the tests use it to find out what the runbooks really do to each fault. Estate actions are
/// applied directly (no orchestrator), waits move the clock, and notify/command steps are recorded in
/// <see cref="Calls"/> (there is no integration to call in process).
/// </summary>
public sealed class SimulatedRunbookEnvironment(SimulatedEstate estate, ManualClock clock) : IRunbookEnvironment
{
    /// <summary>Timeline notes written, in order.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Notify and command steps, as "integration: text".</summary>
    public List<string> Calls { get; } = [];

    /// <inheritdoc />
    public TimeProvider Time => clock;

    /// <summary>The incident context of resources in the estate (those that no longer exist are left out).</summary>
    public IncidentContext Context(string incidentId, string incidentType, IEnumerable<string> resourceIds, int priorAttempts = 0) =>
        new(incidentId, incidentType, ImmutableDictionary<string, string>.Empty,
            [.. resourceIds.Select(estate.Get).OfType<Estate.Inventory.InventoryResource>().Select(r => new IncidentResource(
                r.Id, r.Spec.Kind, Orchestration.EnvironmentNames.FromTags(r.Spec.Tags), Properties(r.Observed, r.Spec.DesiredState, r.Spec.Tags)))],
            priorAttempts);

    /// <summary>Observed state over desired state over tags.</summary>
    public static ImmutableDictionary<string, string> Properties(
        IReadOnlyDictionary<string, string> observed, IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> tags)
    {
        var b = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var source in new[] { tags, desired, observed })
        {
            foreach (var (k, v) in source)
            {
                b[k] = v;
            }
        }

        return b.ToImmutable();
    }

    /// <inheritdoc />
    public string? ActionIdFor(string idempotencyKey) => null;

    /// <inheritdoc />
    public Task<StepResult> RunActionAsync(PlannedStep step, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            var target = step.Target!;
            EstateAction action = step.Action switch
            {
                RunbookActions.Scale => new ScaleAction(target, Number(step, "replicas") ?? throw new ActionValidationException("replicas", "scale needs replicas")),
                RunbookActions.Restart => new RestartAction(target),
                RunbookActions.Rollback => new RollbackAction(target, Number(step, "revision")),
                RunbookActions.Resize => new ResizeAction(target, step.Parameters.GetValueOrDefault("size") ?? ""),
                RunbookActions.Stop => new StopAction(target),
                _ => new DeleteAction(target),
            };
            var result = estate.Apply(action);
            return Task.FromResult(new StepResult(true, result.Description));
        }
        catch (ActionValidationException e)
        {
            return Task.FromResult(new StepResult(false, e.Message));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, double>> ReadMetricAsync(string metric, IReadOnlyList<string> resourceIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        estate.Advance();
        var existing = resourceIds.Where(id => estate.Get(id) is not null).ToList();
        IReadOnlyDictionary<string, double> values = existing.Count == 0
            ? new Dictionary<string, double>()
            : estate.Sample(clock.GetUtcNow(), existing).Where(s => s.Metric == metric).ToDictionary(s => s.Labels["resource_id"], s => s.Value, StringComparer.Ordinal);
        return Task.FromResult(values);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DependenciesAsync(string resourceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(estate.Get(resourceId) is { } r ? [.. r.Spec.Dependencies] : []);

    /// <inheritdoc />
    public Task<StepResult> CallIntegrationAsync(PlannedStep step, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        Calls.Add($"{step.Integration}: {string.Join("; ", step.Parameters.Select(p => $"{p.Key}={p.Value}"))}");
        return Task.FromResult(new StepResult(true, $"recorded for {step.Integration}"));
    }

    /// <inheritdoc />
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        clock.Advance(delay);
        estate.Advance();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task NoteAsync(string text, CancellationToken cancellationToken)
    {
        Notes.Add(text);
        return Task.CompletedTask;
    }

    private static int? Number(PlannedStep step, string key) =>
        step.Parameters.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
