using System.Collections.Immutable;

namespace AIOps.Abstractions.Audit;

/// <summary>
/// What the audit trail says about a time range: who approved or rejected what, which actions ran (and whether a
/// person approved them), which actions policies denied and why, and which configurations changed. Lists are in
/// chain order.
/// </summary>
/// <param name="From">Start of the range (inclusive).</param>
/// <param name="To">End of the range (exclusive).</param>
/// <param name="GeneratedAt">When the report was made.</param>
/// <param name="FirstSequence">Sequence of the first entry in the range; null if the range is empty.</param>
/// <param name="LastSequence">Sequence of the last entry in the range; null if the range is empty.</param>
/// <param name="LastHash">Hash of the last entry in the range: proof of what the chain held when the report was made.</param>
/// <param name="Counts">Totals.</param>
/// <param name="ByAction">Number of entries per action name.</param>
/// <param name="ApprovalsGranted">Every <see cref="AuditActions.ApprovalGranted"/> entry: the actor approved the action.</param>
/// <param name="ApprovalsRejected">Every <see cref="AuditActions.ApprovalRejected"/> entry.</param>
/// <param name="ActionsRun">Every agent action that executed steps in the range.</param>
/// <param name="PolicyDenials">Every <see cref="AuditActions.PolicyVerdict"/> entry with outcome <see cref="AuditOutcomes.Denied"/>.</param>
/// <param name="ConfigChanges">Every <see cref="AuditActions.ConfigChanged"/> entry.</param>
[GenerateSerializer, Immutable, Alias("aiops.audit.compliance-report")]
public sealed record ComplianceReport(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] DateTimeOffset GeneratedAt,
    [property: Id(3)] long? FirstSequence,
    [property: Id(4)] long? LastSequence,
    [property: Id(5)] string? LastHash,
    [property: Id(6)] ComplianceCounts Counts,
    [property: Id(7)] ImmutableSortedDictionary<string, long> ByAction,
    [property: Id(8)] ImmutableArray<AuditEntry> ApprovalsGranted,
    [property: Id(9)] ImmutableArray<AuditEntry> ApprovalsRejected,
    [property: Id(10)] ImmutableArray<ComplianceActionRun> ActionsRun,
    [property: Id(11)] ImmutableArray<AuditEntry> PolicyDenials,
    [property: Id(12)] ImmutableArray<AuditEntry> ConfigChanges);
