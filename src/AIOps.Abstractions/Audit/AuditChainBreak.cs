namespace AIOps.Abstractions.Audit;

/// <summary>How the audit chain is broken at the first bad entry.</summary>
public enum AuditChainBreak
{
    /// <summary>The entry's content no longer matches its hash: it was changed after it was written.</summary>
    HashMismatch = 0,

    /// <summary>The entry does not point at the hash of the entry before it: an entry was replaced, reordered or re-hashed.</summary>
    LinkMismatch = 1,

    /// <summary>A sequence number is missing: an entry was deleted.</summary>
    MissingEntry = 2,

    /// <summary>Sequence numbers go backwards or repeat.</summary>
    OutOfOrder = 3,

    /// <summary>The entry at a remembered <see cref="AuditAnchor"/> has another hash now, or is gone: the chain was rewritten or cut short.</summary>
    AnchorMismatch = 4,
}
