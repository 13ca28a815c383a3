using System.Collections.Immutable;
using AIOps.Abstractions.Audit;
using Npgsql;
using NpgsqlTypes;

namespace AIOps.Grains.Audit;

/// <summary>
/// The durable audit trail: table <c>aiops_audit_log</c> (deploy/sql/020). Appends from every silo are
/// serialised by a transaction-scoped advisory lock, so the cluster writes one chain; a trigger refuses
/// UPDATE, DELETE and TRUNCATE, and the hash chain exposes whatever gets past it.
/// </summary>
public sealed class PostgresAuditLog(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IAuditLog
{
    // Any constant works as long as every silo uses the same one and nothing else in the database does.
    private const long AppendLockKey = 0x41494F7073_4155;

    // Verify and export read in pages by sequence: no long-running statement, and stopping early is free.
    private const int PageSize = 2000;

    /// <inheritdoc />
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        AuditValidation.Validate(record);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        // A separate statement after the lock: under READ COMMITTED it sees the row the previous holder committed.
        var (sequence, previousHash, previousAt) = (1L, AuditHash.Genesis, DateTimeOffset.MinValue);
        await using (var last = new NpgsqlCommand("SELECT seq, hash, at FROM aiops_audit_log ORDER BY seq DESC LIMIT 1", connection, transaction))
        await using (var reader = await last.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (sequence, previousHash, previousAt) = (reader.GetInt64(0) + 1, reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
            }
        }

        // Never before the previous entry, so time ranges agree with chain order even across silos whose clocks differ.
        var now = AuditHash.Truncate(timeProvider.GetUtcNow());
        var at = previousAt > now ? previousAt : now;
        var hash = AuditHash.Compute(sequence, at, record, previousHash);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO aiops_audit_log (seq, at, actor, action, outcome, resource_id, action_id, agent_id, reason, details, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = sequence });
            insert.Parameters.Add(new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.Actor });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.Action });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.Outcome });
            insert.Parameters.Add(Nullable(record.ResourceId));
            insert.Parameters.Add(Nullable(record.ActionId));
            insert.Parameters.Add(Nullable(record.AgentId));
            insert.Parameters.Add(Nullable(record.Reason));
            insert.Parameters.Add(new NpgsqlParameter { Value = PostgresAuditRows.DetailsJson(record.Details) });
            insert.Parameters.Add(new NpgsqlParameter { Value = previousHash });
            insert.Parameters.Add(new NpgsqlParameter { Value = hash });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AuditEntry(
            sequence, at, record.Actor, record.Action, record.Outcome, record.ResourceId, record.ActionId, record.AgentId,
            record.Reason, record.Details ?? ImmutableDictionary<string, string>.Empty, previousHash, hash);
    }

    /// <inheritdoc />
    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        AuditValidation.Validate(query);
        var conditions = new List<string> { "TRUE" };
        var values = new List<(object Value, NpgsqlDbType Type)>();
        string Parameter(object value, NpgsqlDbType type)
        {
            values.Add((value, type));
            return "$" + values.Count;
        }

        if (query.From is { } from)
        {
            conditions.Add($"at >= {Parameter(from.ToUniversalTime(), NpgsqlDbType.TimestampTz)}");
        }

        if (query.To is { } to)
        {
            conditions.Add($"at < {Parameter(to.ToUniversalTime(), NpgsqlDbType.TimestampTz)}");
        }

        if (query.Actor is not null)
        {
            conditions.Add($"actor = {Parameter(query.Actor, NpgsqlDbType.Text)}");
        }

        if (query.ResourceId is not null)
        {
            conditions.Add($"resource_id = {Parameter(query.ResourceId, NpgsqlDbType.Text)}");
        }

        if (query.ActionId is not null)
        {
            conditions.Add($"action_id = {Parameter(query.ActionId, NpgsqlDbType.Text)}");
        }

        if (query.Action is not null)
        {
            // Action names are [a-z0-9._-]: '_' is the only LIKE wildcard among them.
            var prefix = query.Action.Replace("_", "\\_", StringComparison.Ordinal) + ".%";
            conditions.Add($"(action = {Parameter(query.Action, NpgsqlDbType.Text)} OR action LIKE {Parameter(prefix, NpgsqlDbType.Text)})");
        }

        var where = string.Join(" AND ", conditions);
        NpgsqlParameter[] Parameters() => values.Select(v => new NpgsqlParameter { Value = v.Value, NpgsqlDbType = v.Type }).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM aiops_audit_log WHERE {where}", connection))
        {
            count.Parameters.AddRange(Parameters());
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var items = new List<AuditEntry>();
        if (total > query.Offset)
        {
            await using var page = new NpgsqlCommand(
                $"SELECT {PostgresAuditRows.Columns} FROM aiops_audit_log WHERE {where} ORDER BY seq DESC OFFSET {query.Offset} LIMIT {query.Limit}",
                connection);
            page.Parameters.AddRange(Parameters());
            await using var reader = await page.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(PostgresAuditRows.Read(reader));
            }
        }

        return new AuditPage(items, total, query.Offset, query.Limit);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(
            $"SELECT {PostgresAuditRows.Columns} FROM aiops_audit_log WHERE seq > $1 ORDER BY seq LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(PostgresAuditRows.Read(reader));
        }

        return entries;
    }

    /// <inheritdoc />
    public async Task<AuditVerification> VerifyAsync(AuditAnchor? anchor = null, CancellationToken cancellationToken = default)
    {
        AuditValidation.Validate(anchor);
        var verifier = new AuditChainVerifier(anchor);
        var after = long.MinValue;
        while (!verifier.IsBroken)
        {
            var page = await ReadAsync(after, PageSize, cancellationToken);
            foreach (var entry in page)
            {
                if (!verifier.Add(entry))
                {
                    break;
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        return verifier.Result();
    }

    /// <inheritdoc />
    public async Task<ComplianceReport> ExportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var builder = new ComplianceReportBuilder(from, to);
        var after = long.MinValue;
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                $"SELECT {PostgresAuditRows.Columns} FROM aiops_audit_log WHERE at >= $1 AND at < $2 AND seq > $3 ORDER BY seq LIMIT {PageSize}");
            command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = after });
            var read = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var entry = PostgresAuditRows.Read(reader);
                    builder.Add(entry);
                    after = entry.Sequence;
                    read++;
                }
            }

            if (read < PageSize)
            {
                break;
            }
        }

        var unapproved = builder.RunsWithoutApproval;
        if (unapproved.Count > 0)
        {
            await using var approvals = dataSource.CreateCommand(
                $"SELECT {PostgresAuditRows.Columns} FROM aiops_audit_log WHERE action = $1 AND action_id = ANY($2) AND at < $3 ORDER BY seq");
            approvals.Parameters.Add(new NpgsqlParameter { Value = AuditActions.ApprovalGranted });
            approvals.Parameters.Add(new NpgsqlParameter { Value = unapproved.ToArray() });
            approvals.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await approvals.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                builder.AddEarlierApproval(PostgresAuditRows.Read(reader));
            }
        }

        return builder.Build(timeProvider.GetUtcNow());
    }

    private static NpgsqlParameter Nullable(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
