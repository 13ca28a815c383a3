using System.Collections.Immutable;

namespace AIOps.Abstractions.Audit;

/// <summary>One decision to append to the audit trail; the log adds sequence, time and hashes.</summary>
/// <param name="Actor">Who decided: a user name, an agent id, or the policy engine.</param>
/// <param name="Action">What kind of decision, one of <see cref="AuditActions"/> (lower-case <c>area.verb</c>).</param>
/// <param name="Outcome">How it went or what was decided, e.g. <see cref="AuditOutcomes.Denied"/>.</param>
/// <param name="ResourceId">The managed resource concerned, if any.</param>
/// <param name="ActionId">The agent action concerned, if any (required for <see cref="AuditActions.ActionStep"/>).</param>
/// <param name="AgentId">The agent concerned, if any.</param>
/// <param name="Reason">Why, in words: the denying rule, the approver's comment, the error.</param>
/// <param name="Details">Further facts as key → value (policy name, step name, old and new setting...); null for none.</param>
[GenerateSerializer, Immutable, Alias("aiops.audit.record")]
public sealed record AuditRecord(
    [property: Id(0)] string Actor,
    [property: Id(1)] string Action,
    [property: Id(2)] string Outcome,
    [property: Id(3)] string? ResourceId = null,
    [property: Id(4)] string? ActionId = null,
    [property: Id(5)] string? AgentId = null,
    [property: Id(6)] string? Reason = null,
    [property: Id(7)] ImmutableDictionary<string, string>? Details = null);
