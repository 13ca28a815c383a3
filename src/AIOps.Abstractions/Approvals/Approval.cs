using System.Collections.Immutable;

namespace AIOps.Abstractions.Approvals;

/// <summary>An approval request and its outcome.</summary>
/// <param name="ActionId">The action concerned.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="Reasons">Why approval is needed.</param>
/// <param name="Status">Pending, approved, rejected or expired.</param>
/// <param name="RequestedAt">When it was asked.</param>
/// <param name="ExpiresAt">When it expires if nobody decides.</param>
/// <param name="EscalationLevel">0 until escalated; +1 per escalation.</param>
/// <param name="EscalatedAt">When it was last escalated.</param>
/// <param name="DecidedBy">Who approved or rejected it.</param>
/// <param name="Comment">The decider's comment.</param>
/// <param name="DecidedAt">When it was decided or expired.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.approval")]
public sealed record Approval(
    [property: Id(0)] string ActionId,
    [property: Id(1)] string RequestedBy,
    [property: Id(2)] ImmutableArray<string> Reasons,
    [property: Id(3)] ApprovalStatus Status,
    [property: Id(4)] DateTimeOffset RequestedAt,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] int EscalationLevel,
    [property: Id(7)] DateTimeOffset? EscalatedAt,
    [property: Id(8)] string? DecidedBy,
    [property: Id(9)] string? Comment,
    [property: Id(10)] DateTimeOffset? DecidedAt);
