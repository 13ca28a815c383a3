using System.Collections.Immutable;

namespace AIOps.Abstractions.Orchestration;

/// <summary>A policy verdict and every reason that led to it, for the audit trail and the approver.</summary>
/// <param name="Verdict">The most restrictive outcome of all rules.</param>
/// <param name="Reasons">One sentence per rule that contributed, most restrictive first.</param>
/// <param name="Environment">The strictest environment among the action's targets.</param>
/// <param name="BlastRadius">Resources touched: the targets and everything that depends on them.</param>
[GenerateSerializer, Immutable, Alias("aiops.policy-decision")]
public sealed record PolicyDecision(
    [property: Id(0)] PolicyVerdict Verdict,
    [property: Id(1)] ImmutableArray<string> Reasons,
    [property: Id(2)] string Environment,
    [property: Id(3)] int BlastRadius);
