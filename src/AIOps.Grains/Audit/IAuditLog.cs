using AIOps.Abstractions.Audit;

namespace AIOps.Grains.Audit;

/// <summary>
/// The append-only, hash-chained audit trail: every entry carries the hash of the one before, so changing,
/// deleting or reordering an entry is found by <see cref="VerifyAsync"/>. One chain per cluster.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends a decision at the end of the chain; <see cref="Abstractions.ValidationException"/> for a bad record.</summary>
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Entries matching the filters, newest first; <see cref="Abstractions.ValidationException"/> for a bad query.</summary>
    Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> entries after <paramref name="afterSequence"/>, in chain order (for mirrors and indexers).</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Walks the chain from the first entry, recomputing every hash and link, and reports the first broken entry.
    /// With an <paramref name="anchor"/> it also checks that the remembered entry still has the remembered hash.
    /// </summary>
    Task<AuditVerification> VerifyAsync(AuditAnchor? anchor = null, CancellationToken cancellationToken = default);

    /// <summary>The compliance report of entries at or after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    Task<ComplianceReport> ExportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
