using AIOps.Abstractions.Audit;

namespace AIOps.Grains.Audit;

/// <summary>
/// Checks an audit chain entry by entry, in sequence order, without holding it in memory: each entry must carry
/// the next sequence number, hash to its stored hash, and point at the hash of the entry before it.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly AuditAnchor? _anchor;
    private long _expectedSequence = 1;
    private string _previousHash = AuditHash.Genesis;
    private long _checked;
    private AuditEntry? _last;
    private AuditVerification? _failure;

    /// <summary>A verifier for a chain from its first entry, optionally also checking a remembered anchor.</summary>
    public AuditChainVerifier(AuditAnchor? anchor = null) => _anchor = anchor;

    /// <summary>True once a broken entry was found; further entries are ignored.</summary>
    public bool IsBroken => _failure is not null;

    /// <summary>The whole check of <paramref name="entries"/>, which must be in stored (sequence) order.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries, AuditAnchor? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var verifier = new AuditChainVerifier(anchor);
        foreach (var entry in entries)
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Result();
    }

    /// <summary>Checks the next stored entry; false when the chain is broken (here or before).</summary>
    public bool Add(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_failure is not null)
        {
            return false;
        }

        _checked++;
        var sequence = entry.Sequence;
        if (sequence > _expectedSequence)
        {
            var missing = sequence == _expectedSequence + 1
                ? $"Entry {_expectedSequence} is missing"
                : $"Entries {_expectedSequence} to {sequence - 1} are missing";
            var context = _expectedSequence == 1
                ? $"the chain starts at entry {sequence}"
                : $"entry {_expectedSequence - 1} is followed by entry {sequence}";
            return Fail(_expectedSequence, AuditChainBreak.MissingEntry, $"{missing}: {context}.");
        }

        if (sequence < _expectedSequence)
        {
            return Fail(sequence, AuditChainBreak.OutOfOrder, $"Entry {sequence} comes after entry {_expectedSequence - 1}.");
        }

        if (!string.Equals(AuditHash.Compute(entry), entry.Hash, StringComparison.Ordinal))
        {
            return Fail(sequence, AuditChainBreak.HashMismatch, $"Entry {sequence} does not match its hash: it was changed after it was written.");
        }

        if (!string.Equals(entry.PreviousHash, _previousHash, StringComparison.Ordinal))
        {
            return Fail(sequence, AuditChainBreak.LinkMismatch, sequence == 1
                ? "Entry 1 does not start the chain: its previous hash is not the genesis hash."
                : $"Entry {sequence} does not link to entry {sequence - 1}: its previous hash differs from that entry's hash.");
        }

        if (_anchor is { } anchor && anchor.Sequence == sequence && !string.Equals(anchor.Hash, entry.Hash, StringComparison.Ordinal))
        {
            return Fail(sequence, AuditChainBreak.AnchorMismatch, $"Entry {sequence} no longer has the anchored hash: the chain was rewritten up to here.");
        }

        _last = entry;
        _previousHash = entry.Hash;
        _expectedSequence = sequence + 1;
        return true;
    }

    /// <summary>The verdict on everything added so far, taken as the whole chain.</summary>
    public AuditVerification Result()
    {
        if (_failure is not null)
        {
            return _failure;
        }

        if (_anchor is { } anchor && anchor.Sequence >= _expectedSequence)
        {
            var reason = _last is null
                ? $"The chain is empty, but the anchor is entry {anchor.Sequence}: entries were deleted."
                : $"The chain ends at entry {_last.Sequence}, but the anchor is entry {anchor.Sequence}: entries were deleted from the end.";
            return new AuditVerification(false, _checked, _expectedSequence, AuditChainBreak.AnchorMismatch, reason, _last?.Sequence, _last?.Hash);
        }

        return new AuditVerification(true, _checked, null, null, null, _last?.Sequence, _last?.Hash);
    }

    private bool Fail(long sequence, AuditChainBreak kind, string reason)
    {
        _failure = new AuditVerification(false, _checked, sequence, kind, reason, _last?.Sequence, _last?.Hash);
        return false;
    }
}
