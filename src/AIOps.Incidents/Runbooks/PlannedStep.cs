using System.Collections.Immutable;
using AIOps.Abstractions;

namespace AIOps.Incidents.Runbooks;

/// <summary>A step with its templates resolved for one incident.</summary>
/// <param name="Index">Position in the runbook (from 0); compensation steps carry their own index within the step.</param>
/// <param name="Name">Name on the timeline.</param>
/// <param name="Action">The action.</param>
/// <param name="Target">Resource acted on or watched; null for notify and command.</param>
/// <param name="Parameters">Resolved action parameters.</param>
/// <param name="Verify">For wait: the condition.</param>
/// <param name="OnFailure">What happens when it fails.</param>
/// <param name="Compensate">Undo steps, resolved.</param>
/// <param name="Risk">Risk before the success prediction adjusts it.</param>
/// <param name="Integration">For notify and command.</param>
/// <param name="ResourceKind">Kind of the target, when the incident knows it.</param>
/// <param name="Environment">Environment of the target, when tagged.</param>
public sealed record PlannedStep(
    int Index,
    string Name,
    string Action,
    string? Target,
    ImmutableDictionary<string, string> Parameters,
    RunbookVerify? Verify,
    FailurePolicy OnFailure,
    ImmutableArray<PlannedStep> Compensate,
    RiskLevel Risk,
    string? Integration,
    string ResourceKind,
    string Environment);
