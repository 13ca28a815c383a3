using System.Collections.Immutable;

namespace AIOps.Abstractions.Approvals;

/// <summary>Asks a person to approve an action.</summary>
/// <param name="ActionId">The action waiting; also the approval's key.</param>
/// <param name="RequestedBy">Who asked (agent or user); they may not approve it themselves.</param>
/// <param name="Reasons">Why approval is needed (the policy's reasons).</param>
/// <param name="ExpiresAfter">How long approvers have; then the action expires.</param>
/// <param name="EscalateAfter">When to escalate to the next level if still pending; null for never.</param>
[GenerateSerializer, Immutable, Alias("aiops.approval-request")]
public sealed record ApprovalRequest(
    [property: Id(0)] string ActionId,
    [property: Id(1)] string RequestedBy,
    [property: Id(2)] ImmutableArray<string> Reasons,
    [property: Id(3)] TimeSpan ExpiresAfter,
    [property: Id(4)] TimeSpan? EscalateAfter);
