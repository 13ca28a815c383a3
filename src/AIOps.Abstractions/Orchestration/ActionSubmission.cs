using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Resources;

namespace AIOps.Abstractions.Orchestration;

/// <summary>What became of a submitted action.</summary>
/// <param name="Action">The action as it stands now.</param>
/// <param name="Decision">The policy decision (made once per action; a resubmission returns the first).</param>
/// <param name="Approval">The approval request, when policy asked for one.</param>
/// <param name="Leases">Lease results per target, when the action was allowed to go ahead.</param>
/// <param name="Duplicate">True when the idempotency key was seen before and nothing new happened.</param>
[GenerateSerializer, Immutable, Alias("aiops.action-submission")]
public sealed record ActionSubmission(
    [property: Id(0)] AgentAction Action,
    [property: Id(1)] PolicyDecision Decision,
    [property: Id(2)] Approval? Approval,
    [property: Id(3)] IReadOnlyDictionary<string, LeaseResult>? Leases,
    [property: Id(4)] bool Duplicate);
