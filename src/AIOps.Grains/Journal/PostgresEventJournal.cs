using Npgsql;
using NpgsqlTypes;

namespace AIOps.Grains.Journal;

/// <summary>The durable journal: table <c>aiops_event_journal</c> (deploy/sql), one row per event.</summary>
public sealed class PostgresEventJournal(NpgsqlDataSource dataSource) : IEventJournal
{
    private const string UniqueViolation = "23505";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ChangedSinceAsync(string grainType, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT grain_id FROM aiops_event_journal WHERE grain_type = $1 AND recorded_at >= $2");
        command.Parameters.Add(new NpgsqlParameter { Value = grainType });
        command.Parameters.Add(new NpgsqlParameter { Value = since.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalRecord>> ReadAsync(string grainType, string grainId, int afterVersion, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT version, event_type, payload::text, recorded_at
            FROM aiops_event_journal
            WHERE grain_type = $1 AND grain_id = $2 AND version > $3
            ORDER BY version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = grainType });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId });
        command.Parameters.Add(new NpgsqlParameter { Value = afterVersion });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<JournalRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new JournalRecord(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return records;
    }

    /// <inheritdoc />
    public async Task<bool> AppendAsync(string grainType, string grainId, int expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return true;
        }

        // The unique key (grain_type, grain_id, version) settles races between writers; the guard on the
        // current maximum refuses a writer that is ahead of the store, which would otherwise leave a gap.
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO aiops_event_journal (grain_type, grain_id, version, event_type, payload, recorded_at)
            SELECT $1, $2, v.version, v.event_type, v.payload::jsonb, v.recorded_at
            FROM unnest($4::int[], $5::text[], $6::text[], $7::timestamptz[]) AS v(version, event_type, payload, recorded_at)
            WHERE (SELECT coalesce(max(version), 0) FROM aiops_event_journal WHERE grain_type = $1 AND grain_id = $2) = $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = grainType });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId });
        command.Parameters.Add(new NpgsqlParameter { Value = expectedVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.EventType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Payload).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.RecordedAt.ToUniversalTime()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        try
        {
            var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
            return inserted == records.Count;
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            return false;
        }
    }
}
