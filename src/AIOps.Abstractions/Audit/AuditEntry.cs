using System.Collections.Immutable;

namespace AIOps.Abstractions.Audit;

/// <summary>One stored entry of the audit chain: a record with its place, time and hashes.</summary>
/// <param name="Sequence">Position in the chain, from 1, without gaps.</param>
/// <param name="At">When it was appended, UTC, to the microsecond.</param>
/// <param name="Actor">Who decided.</param>
/// <param name="Action">What kind of decision (<see cref="AuditActions"/>).</param>
/// <param name="Outcome">How it went or what was decided.</param>
/// <param name="ResourceId">The managed resource concerned, if any.</param>
/// <param name="ActionId">The agent action concerned, if any.</param>
/// <param name="AgentId">The agent concerned, if any.</param>
/// <param name="Reason">Why, in words, if given.</param>
/// <param name="Details">Further facts as key → value (empty if none).</param>
/// <param name="PreviousHash">The <see cref="Hash"/> of entry <see cref="Sequence"/> − 1; 64 zeros for the first entry.</param>
/// <param name="Hash">SHA-256 (lower-case hex) over all of the above, so changing any of it breaks the chain.</param>
[GenerateSerializer, Immutable, Alias("aiops.audit.entry")]
public sealed record AuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string Outcome,
    [property: Id(5)] string? ResourceId,
    [property: Id(6)] string? ActionId,
    [property: Id(7)] string? AgentId,
    [property: Id(8)] string? Reason,
    [property: Id(9)] ImmutableDictionary<string, string> Details,
    [property: Id(10)] string PreviousHash,
    [property: Id(11)] string Hash);
