using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Orchestration;
using AIOps.Grains.Topology;
using AIOps.Incidents.Runbooks;
using Microsoft.Extensions.Options;

namespace AIOps.Grains.Runbooks;

/// <summary>
/// What a runbook would do for an incident, without doing it: parameters resolved, each step's action, target and
/// parameters, the policy verdict the orchestrator would give (evaluated with the same rules, but nothing is submitted,
/// leased or audited), whether approval would be needed, and the predicted success.
/// </summary>
public sealed class RunbookDryRun(IGrainFactory grains, IResourceGraph graph, RemediationPredictor predictor, IOptions<RunbookOptions> options)
{
    /// <summary>Plans <paramref name="runbook"/> for <paramref name="context"/> and judges each step.</summary>
    public async Task<DryRunResult> RunAsync(Runbook runbook, IncidentContext context, CancellationToken cancellationToken = default)
    {
        var plan = RunbookPlanner.Plan(runbook, context);
        var orchestrator = grains.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);
        var policy = await orchestrator.GetPolicyAsync();
        var agent = await grains.GetGrain<IAgentGrain>(options.Value.AgentId).GetConfigAsync();
        var steps = new List<DryRunStep>();
        foreach (var step in plan.Steps)
        {
            if (!RunbookActions.IsEstateAction(step.Action))
            {
                steps.Add(new DryRunStep(step.Index, step.Name, step.Action, step.Target, step.Parameters, null, null, null, [], false, Describe(step)));
                continue;
            }

            var predicted = await predictor.PredictAsync(RemediationColdStart.Features(context, runbook.Id, step), cancellationToken);
            var proposal = RunbookActionProposal.For(plan, step, agent.Id, $"dry-run:{step.Index}", predicted);
            var resource = await grains.GetGrain<IResourceGrain>(step.Target!).FindAsync();
            if (resource is null)
            {
                steps.Add(new DryRunStep(step.Index, step.Name, step.Action, step.Target, proposal.Parameters, proposal.RiskLevel, predicted, PolicyVerdict.Deny,
                    [$"{step.Target} is not a managed resource"], false, Describe(step)));
                continue;
            }

            var environment = EnvironmentNames.FromTags(resource.Tags) ?? EnvironmentNames.Normalize(policy.UnknownEnvironment);
            var blast = await graph.CountBlastRadiusAsync([step.Target!], policy.MaxBlastRadius + 1, cancellationToken);
            var decision = PolicyEvaluator.Evaluate(new PolicyInput(proposal, agent, policy, [environment], blast, DateTimeOffset.UtcNow));
            steps.Add(new DryRunStep(step.Index, step.Name, step.Action, step.Target, proposal.Parameters, proposal.RiskLevel, predicted, decision.Verdict,
                decision.Reasons, decision.Verdict == PolicyVerdict.NeedsApproval, Describe(step)));
        }

        return new DryRunResult(runbook.Id, context.IncidentId, context.IncidentType, plan.Parameters, steps);
    }

    private static string Describe(PlannedStep step) => step.Action switch
    {
        RunbookActions.Wait => $"wait until {step.Verify!.Metric} {step.Verify.Comparison.ToString().ToLowerInvariant()} {step.Verify.Threshold} on {step.Target}{(step.Verify.Over == VerifyScope.Dependencies ? "'s dependencies" : "")}, at most {step.Verify.Within}",
        RunbookActions.Notify => $"POST a notification to integration '{step.Integration}'",
        RunbookActions.Command => $"POST the command to integration '{step.Integration}'",
        _ => $"submit '{step.Action}' on {step.Target} to the orchestrator (on failure: {step.OnFailure.ToString().ToLowerInvariant()}{(step.Compensate.IsEmpty ? "" : $", {step.Compensate.Length} compensation step(s)")})",
    };
}

/// <summary>A dry run's result.</summary>
/// <param name="RunbookId">The runbook.</param>
/// <param name="IncidentId">The incident (empty for explicit resources).</param>
/// <param name="IncidentType">The incident type.</param>
/// <param name="Parameters">Resolved parameters.</param>
/// <param name="Steps">Each step as it would run.</param>
public sealed record DryRunResult(string RunbookId, string IncidentId, string IncidentType, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<DryRunStep> Steps);

/// <summary>One step of a dry run.</summary>
/// <param name="Index">Position.</param>
/// <param name="Name">Name.</param>
/// <param name="Action">Action.</param>
/// <param name="Target">Target.</param>
/// <param name="Parameters">Parameters the action would carry (including <c>predictedSuccess</c>).</param>
/// <param name="Risk">Risk it would be submitted with (after the prediction).</param>
/// <param name="PredictedSuccess">Predicted success probability.</param>
/// <param name="Verdict">The policy verdict it would get.</param>
/// <param name="Reasons">The policy's reasons.</param>
/// <param name="NeedsApproval">Whether a person would have to approve it.</param>
/// <param name="Description">What it would do, in words.</param>
public sealed record DryRunStep(
    int Index, string Name, string Action, string? Target, IReadOnlyDictionary<string, string> Parameters, RiskLevel? Risk, double? PredictedSuccess,
    PolicyVerdict? Verdict, IReadOnlyList<string> Reasons, bool NeedsApproval, string Description);
