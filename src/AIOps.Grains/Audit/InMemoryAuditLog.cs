using System.Collections.Immutable;
using AIOps.Abstractions.Audit;

namespace AIOps.Grains.Audit;

/// <summary>The embedded-mode audit trail: the same chain as in PostgreSQL, kept in process memory and gone with it.</summary>
public sealed class InMemoryAuditLog(TimeProvider timeProvider) : IAuditLog
{
    private readonly List<AuditEntry> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>
    /// A log holding <paramref name="entries"/> as they are, in the order given, e.g. a copy taken elsewhere;
    /// <see cref="VerifyAsync"/> tells whether they still form an intact chain.
    /// </summary>
    public static InMemoryAuditLog FromEntries(IEnumerable<AuditEntry> entries, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var log = new InMemoryAuditLog(timeProvider ?? TimeProvider.System);
        log._entries.AddRange(entries);
        return log;
    }

    /// <inheritdoc />
    public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        AuditValidation.Validate(record);
        lock (_lock)
        {
            var last = _entries.Count > 0 ? _entries[^1] : null;
            var sequence = (last?.Sequence ?? 0) + 1;

            // Never before the previous entry, so time ranges and chain order agree even if the clock steps back.
            var now = AuditHash.Truncate(timeProvider.GetUtcNow());
            var at = last is not null && last.At > now ? last.At : now;
            var previousHash = last?.Hash ?? AuditHash.Genesis;
            var entry = new AuditEntry(
                sequence, at, record.Actor, record.Action, record.Outcome, record.ResourceId, record.ActionId, record.AgentId,
                record.Reason, record.Details ?? ImmutableDictionary<string, string>.Empty, previousHash,
                AuditHash.Compute(sequence, at, record, previousHash));
            _entries.Add(entry);
            return Task.FromResult(entry);
        }
    }

    /// <inheritdoc />
    public Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        AuditValidation.Validate(query);
        var from = query.From is { } f ? AuditHash.Truncate(f) : (DateTimeOffset?)null;
        var to = query.To is { } t ? AuditHash.Truncate(t) : (DateTimeOffset?)null;
        var actionPrefix = query.Action + ".";
        List<AuditEntry> matching;
        lock (_lock)
        {
            matching = _entries
                .Where(e => from is null || e.At >= from)
                .Where(e => to is null || e.At < to)
                .Where(e => query.Actor is null || e.Actor == query.Actor)
                .Where(e => query.ResourceId is null || e.ResourceId == query.ResourceId)
                .Where(e => query.ActionId is null || e.ActionId == query.ActionId)
                .Where(e => query.Action is null || e.Action == query.Action || e.Action.StartsWith(actionPrefix, StringComparison.Ordinal))
                .ToList();
        }

        var page = matching.OrderByDescending(e => e.Sequence).Skip(query.Offset).Take(query.Limit).ToArray();
        return Task.FromResult(new AuditPage(page, matching.Count, query.Offset, query.Limit));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(_entries.Where(e => e.Sequence > afterSequence).Take(limit).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<AuditVerification> VerifyAsync(AuditAnchor? anchor = null, CancellationToken cancellationToken = default)
    {
        AuditValidation.Validate(anchor);
        AuditEntry[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _entries];
        }

        return Task.FromResult(AuditChainVerifier.Verify(snapshot, anchor));
    }

    /// <inheritdoc />
    public Task<ComplianceReport> ExportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var builder = new ComplianceReportBuilder(from, to);
        (from, to) = (AuditHash.Truncate(from), AuditHash.Truncate(to));
        lock (_lock)
        {
            foreach (var entry in _entries.Where(e => e.At >= from && e.At < to))
            {
                builder.Add(entry);
            }

            var unapproved = builder.RunsWithoutApproval.ToHashSet(StringComparer.Ordinal);
            foreach (var approval in _entries.Where(e => e.At < from && e.Action == AuditActions.ApprovalGranted && e.ActionId is not null && unapproved.Contains(e.ActionId)))
            {
                builder.AddEarlierApproval(approval);
            }
        }

        return Task.FromResult(builder.Build(timeProvider.GetUtcNow()));
    }
}
