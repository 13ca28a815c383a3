using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Orchestration;

namespace AIOps.Grains.Orchestration;

/// <summary>
/// Judges an action against its agent's configuration and the platform policy. Every rule that applies adds a
/// reason; the verdict is the most restrictive of them. Pure: the same input gives the same decision.
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>Agent threshold: above this many touched resources the action needs approval.</summary>
    public const string ApprovalBlastRadiusThreshold = "approval.blastRadiusAbove";

    /// <summary>Evaluates <paramref name="input"/>.</summary>
    public static PolicyDecision Evaluate(PolicyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var action = input.Action;
        var agent = input.Agent;
        var policy = input.Policy;
        var risk = action.RiskLevel;
        var environments = input.TargetEnvironments.Count == 0
            ? [EnvironmentNames.Normalize(policy.UnknownEnvironment)]
            : input.TargetEnvironments.Select(EnvironmentNames.Normalize).Distinct().Order(StringComparer.Ordinal).ToArray();
        var findings = new List<(PolicyVerdict Verdict, string Reason)>();

        if (!agent.Enabled)
        {
            findings.Add((PolicyVerdict.Deny, $"agent '{agent.Id}' is disabled"));
        }

        foreach (var freeze in policy.FreezeWindows.Where(f => input.Now >= f.Start && input.Now < f.End))
        {
            var frozen = freeze.Environments.IsDefaultOrEmpty
                ? environments
                : environments.Where(e => freeze.Environments.Any(f => EnvironmentNames.Normalize(f) == e)).ToArray();
            if (frozen.Length == 0)
            {
                continue;
            }

            var where = string.Join(", ", frozen);
            findings.Add(agent.Type == AgentType.IncidentResponse && freeze.AllowIncidentResponse
                ? (PolicyVerdict.NeedsApproval, $"change freeze '{freeze.Name}' is in force in {where} until {freeze.End:u}; incident remediation needs approval")
                : (PolicyVerdict.Deny, $"change freeze '{freeze.Name}' is in force in {where} until {freeze.End:u}"));
        }

        if (input.BlastRadius > policy.MaxBlastRadius)
        {
            findings.Add((PolicyVerdict.Deny, $"blast radius {input.BlastRadius} resources exceeds the platform maximum of {policy.MaxBlastRadius}"));
        }
        else if (agent.Thresholds.TryGetValue(ApprovalBlastRadiusThreshold, out var approvalAbove) && input.BlastRadius > approvalAbove)
        {
            findings.Add((PolicyVerdict.NeedsApproval, $"blast radius {input.BlastRadius} resources is above the agent's approval threshold of {approvalAbove}"));
        }

        foreach (var environment in environments)
        {
            var rule = RuleFor(policy, environment);
            if (rule.DenyFromRisk is { } denyFrom && risk >= denyFrom)
            {
                findings.Add((PolicyVerdict.Deny, $"{Wire(risk)}-risk actions are not allowed in {environment}"));
            }
            else if (risk > rule.MaxAutomaticRisk)
            {
                findings.Add((PolicyVerdict.NeedsApproval, $"{environment} allows at most {Wire(rule.MaxAutomaticRisk)} risk without approval; this action is {Wire(risk)}"));
            }
        }

        switch (agent.AutomationLevel)
        {
            case AutomationLevel.Manual:
                findings.Add((PolicyVerdict.NeedsApproval, $"agent '{agent.Id}' is in manual mode: every action needs approval"));
                break;
            case AutomationLevel.SemiAuto when risk > RiskLevel.Low:
                findings.Add((PolicyVerdict.NeedsApproval, $"agent '{agent.Id}' is semi-automatic: {Wire(risk)}-risk actions need approval"));
                break;
            case AutomationLevel.FullAuto when risk >= RiskLevel.Critical:
                findings.Add((PolicyVerdict.NeedsApproval, "critical-risk actions always need approval"));
                break;
        }

        if (agent.ApprovalRequired)
        {
            findings.Add((PolicyVerdict.NeedsApproval, $"agent '{agent.Id}' requires approval for every action"));
        }

        var verdict = findings.Count == 0 ? PolicyVerdict.Allow : findings.Max(f => f.Verdict);
        var reasons = findings.Count == 0
            ? [$"{Wire(risk)}-risk action allowed: agent '{agent.Id}' is {Wire(agent.AutomationLevel)} and {string.Join(", ", environments)} permit it without approval"]
            : findings.OrderByDescending(f => f.Verdict).Select(f => f.Reason).ToImmutableArray();
        return new PolicyDecision(verdict, reasons, Strictest(policy, environments), input.BlastRadius);
    }

    private static EnvironmentRule RuleFor(PlatformPolicy policy, string environment) =>
        policy.Environments.FirstOrDefault(r => EnvironmentNames.Normalize(r.Environment) == environment)
        ?? policy.Environments.FirstOrDefault(r => EnvironmentNames.Normalize(r.Environment) == EnvironmentNames.Normalize(policy.UnknownEnvironment))
        ?? new EnvironmentRule(environment, RiskLevel.Low);

    private static string Strictest(PlatformPolicy policy, IEnumerable<string> environments) =>
        environments.OrderBy(e => RuleFor(policy, e).MaxAutomaticRisk).ThenBy(e => e, StringComparer.Ordinal).First();

    private static string Wire<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
