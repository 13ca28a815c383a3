namespace AIOps.Abstractions.Audit;

/// <summary>The result of walking the audit chain from the first entry.</summary>
/// <param name="Valid">True when every entry matches its hash and links to the one before, without gaps.</param>
/// <param name="EntriesChecked">How many entries were checked (up to and including the first broken one).</param>
/// <param name="FirstBrokenSequence">Sequence number of the first broken (or missing) entry; null when valid.</param>
/// <param name="Break">How it is broken; null when valid.</param>
/// <param name="Reason">What is wrong, for people; null when valid.</param>
/// <param name="LastSequence">Sequence of the last entry checked; null for an empty log.</param>
/// <param name="LastHash">
/// Hash of the last entry checked. Keep it somewhere else (a ticket, a report): deleting entries from the end of
/// the chain can only be proved against such an anchor.
/// </param>
[GenerateSerializer, Immutable, Alias("aiops.audit.verification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Valid,
    [property: Id(1)] long EntriesChecked,
    [property: Id(2)] long? FirstBrokenSequence,
    [property: Id(3)] AuditChainBreak? Break,
    [property: Id(4)] string? Reason,
    [property: Id(5)] long? LastSequence,
    [property: Id(6)] string? LastHash);
