using System.Collections.Immutable;
using AIOps.Abstractions.Actions;
using AIOps.Incidents.Remediation;
using AIOps.Incidents.Runbooks;

namespace AIOps.Grains.Runbooks;

/// <summary>The agent action a runbook step is submitted as: risk raised by the success prediction, the prediction in its parameters and impact text.</summary>
public static class RunbookActionProposal
{
    /// <summary>Builds the proposal for <paramref name="step"/> of <paramref name="plan"/>.</summary>
    public static ProposedAction For(RunbookPlan plan, PlannedStep step, string agentId, string idempotencyKey, double? predictedSuccess)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(step);
        var risk = RemediationRisk.Adjust(step.Risk, predictedSuccess);
        var predicted = predictedSuccess is { } p ? RemediationRisk.Format(p) : null;
        var parameters = predicted is null ? step.Parameters : step.Parameters.SetItem("predictedSuccess", predicted);
        var where = plan.Incident.IncidentId.Length > 0 ? $" for incident {plan.Incident.IncidentId}" : "";
        return new ProposedAction(
            agentId,
            step.Action,
            $"runbook '{plan.Runbook.Id}' step {step.Index + 1} '{step.Name}'{where}",
            [step.Target!],
            risk,
            $"{step.Action} {step.Target}{(predicted is null ? "" : $"; predictedSuccess={predicted}")}",
            idempotencyKey)
        {
            Parameters = parameters,
            Rationale = predicted is null
                ? [$"runbook '{plan.Runbook.Id}' for {plan.Incident.IncidentType}"]
                : [$"runbook '{plan.Runbook.Id}' for {plan.Incident.IncidentType}", $"predicted success {predicted}: risk {step.Risk.ToString().ToLowerInvariant()} → {risk.ToString().ToLowerInvariant()} (below {RemediationRisk.Confident} +1 level, below {RemediationRisk.Doubtful} +2)"],
        };
    }
}
