using System.Collections.Immutable;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;
using AIOps.Estate.Metrics;
using AIOps.Grains.Orchestration;
using AIOps.Incidents.Runbooks;

namespace AIOps.Grains.Runbooks;

/// <summary>
/// The platform as a runbook sees it: estate actions are submitted to the orchestrator (policy, approval, leases,
/// journal) as actions of the incident-response agent, with an action id derived from the step's key, and followed
/// until they end; an action that already exists for that key is followed, never submitted again.
/// </summary>
public sealed class OrchestratedRunbookEnvironment(
    IGrainFactory grains, RunbookPlan plan, IMetricsSource metrics, RunbookIntegrations integrations, RemediationPredictor predictor, RunbookOptions options, string actor) : IRunbookEnvironment
{
    /// <inheritdoc />
    public TimeProvider Time => TimeProvider.System;

    /// <inheritdoc />
    public string? ActionIdFor(string idempotencyKey) => ActionIds.For(options.AgentId, idempotencyKey);

    /// <inheritdoc />
    public async Task<StepResult> RunActionAsync(PlannedStep step, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var actionId = ActionIds.For(options.AgentId, idempotencyKey);
        var action = grains.GetGrain<IAgentActionGrain>(actionId);
        double? predicted = null;
        if (await action.GetDecisionAsync() is null)
        {
            predicted = await predictor.PredictAsync(RemediationColdStart.Features(plan.Incident, plan.Runbook.Id, step), cancellationToken);
            var proposal = RunbookActionProposal.For(plan, step, options.AgentId, idempotencyKey, predicted);
            await grains.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key).SubmitAsync(proposal, actor);
        }

        var deadline = DateTimeOffset.UtcNow + options.ActionTimeout;
        while (true)
        {
            var current = await action.GetAsync();
            if (current.Parameters.TryGetValue("predictedSuccess", out var text) && double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var p))
            {
                predicted = p;
            }

            switch (current.Status)
            {
                case ActionStatus.Completed:
                    return new StepResult(true, current.Result ?? "completed", actionId, predicted);
                case ActionStatus.Failed or ActionStatus.Rejected or ActionStatus.Expired or ActionStatus.Cancelled:
                    return new StepResult(false, $"action {current.Status.ToString().ToLowerInvariant()}{(current.Result is { } r ? $": {r}" : "")}", actionId, predicted);
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return new StepResult(false, $"action still {current.Status.ToString().ToLowerInvariant()} after {options.ActionTimeout}", actionId, predicted);
            }

            await Task.Delay(options.ActionPollInterval, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, double>> ReadMetricAsync(string metric, IReadOnlyList<string> resourceIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resourceIds);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow;
        foreach (var id in resourceIds)
        {
            var query = new MetricQuery(metric, ImmutableSortedDictionary<string, string>.Empty.Add("resource_id", id), since, now, TimeSpan.FromSeconds(5));
            var series = await metrics.QueryRangeAsync(query, cancellationToken);
            var last = series.SelectMany(s => s.Points).Where(pt => pt.Timestamp >= since).OrderBy(pt => pt.Timestamp).LastOrDefault();
            if (last.Timestamp >= since && last != default)
            {
                values[id] = last.Value;
            }
        }

        return values;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> DependenciesAsync(string resourceId, CancellationToken cancellationToken) =>
        await grains.GetGrain<IResourceGrain>(resourceId).FindAsync() is { } r ? [.. r.Dependencies] : [];

    /// <inheritdoc />
    public Task<StepResult> CallIntegrationAsync(PlannedStep step, string idempotencyKey, CancellationToken cancellationToken) =>
        integrations.CallAsync(step, plan.Runbook.Id, plan.Incident.IncidentId, idempotencyKey, cancellationToken);

    /// <inheritdoc />
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);

    /// <inheritdoc />
    public async Task NoteAsync(string text, CancellationToken cancellationToken)
    {
        if (plan.Incident.IncidentId.Length > 0)
        {
            await grains.GetGrain<IIncidentGrain>(plan.Incident.IncidentId).NoteAsync(actor, "runbook", text);
        }
    }
}
