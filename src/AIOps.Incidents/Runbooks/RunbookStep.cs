using System.Collections.Immutable;

namespace AIOps.Incidents.Runbooks;

/// <summary>One runbook step.</summary>
/// <param name="Name">Name on the timeline.</param>
/// <param name="Action">One of <see cref="RunbookActions.All"/>.</param>
/// <param name="Target">Template of the resource acted on (estate actions and <c>wait</c>).</param>
/// <param name="With">Action parameters, each a template (e.g. <c>replicas: "{{ deployment.replicas * 4 }}"</c>).</param>
/// <param name="Verify">For <c>wait</c>: the metric condition to wait for.</param>
/// <param name="OnFailure">What happens when the step fails.</param>
/// <param name="Compensate">Steps that undo this one, run in reverse order of completion when a later step fails with <see cref="FailurePolicy.Compensate"/>.</param>
/// <param name="Risk">Risk of the action before the success prediction adjusts it; null for the action's default.</param>
/// <param name="Integration">For <c>notify</c> and <c>command</c>: the configured integration that receives it.</param>
/// <param name="Line">Line of the step in the YAML document.</param>
public sealed record RunbookStep(
    string Name,
    string Action,
    string? Target,
    ImmutableDictionary<string, string> With,
    RunbookVerify? Verify,
    FailurePolicy OnFailure,
    ImmutableArray<RunbookStep> Compensate,
    AIOps.Abstractions.RiskLevel? Risk,
    string? Integration,
    int Line);
