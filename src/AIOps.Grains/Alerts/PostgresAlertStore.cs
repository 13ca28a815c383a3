using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using AIOps.Abstractions.Alerts;
using AIOps.Abstractions.Events;
using AIOps.Grains.Catalog;
using Npgsql;

namespace AIOps.Grains.Alerts;

/// <summary>
/// The durable alert store: table <c>aiops_alerts</c> (deploy/sql). A batch is one round trip: the delivered marks
/// and one <c>INSERT ... SELECT FROM unnest(...) ON CONFLICT DO UPDATE ... RETURNING</c> per round, sent as one
/// <see cref="NpgsqlBatch"/> (one implicit transaction). The change rules are evaluated in the statement, against the
/// row as it is under the row lock, so silos writing the same alert concurrently still see every transition once.
/// </summary>
public sealed class PostgresAlertStore(NpgsqlDataSource dataSource) : IAlertStore
{
    private const string Stale = "(EXCLUDED.starts_at < a.starts_at OR (a.status = 'resolved' AND EXCLUDED.status = 'firing' AND EXCLUDED.starts_at <= a.starts_at))";
    private const string Change =
        $"(CASE WHEN {Stale} THEN 'repeat' WHEN a.status = 'resolved' AND EXCLUDED.status = 'firing' THEN 'firing' WHEN a.status = 'firing' AND EXCLUDED.status = 'resolved' THEN 'resolved' ELSE 'repeat' END)";

    // Still pending from an earlier write once this batch's delivery mark for the row is applied. The mark rides in
    // the proposed row's version (delivered version + 1; a new row has no mark, so that is 1): a separate UPDATE would
    // write every row of a storm twice per batch.
    private const string WasPending = "(a.pending AND a.version > EXCLUDED.version - 1)";

    private const string Upsert =
        $"""
        INSERT INTO aiops_alerts AS a (source, fingerprint, status, labels, annotations, starts_at, ends_at, first_seen, last_seen, notifications,
            last_event_id, last_event, last_change, resource_id, version, pending, pending_change, pending_occurrences, pending_since)
        SELECT t.source, t.fingerprint, t.status, t.labels::jsonb, t.annotations::jsonb, t.starts_at, t.ends_at, t.first_received, t.received, t.occurrences,
            t.event_id, t.event::jsonb, t.status, t.resource_id, t.delivered + 1, true, t.status, t.occurrences, t.first_received
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[],
            $10::integer[], $11::text[], $12::text[], $13::text[], $14::bigint[])
            AS t(source, fingerprint, status, labels, annotations, starts_at, ends_at, first_received, received, occurrences, event_id, event, resource_id, delivered)
        ON CONFLICT (source, fingerprint) DO UPDATE SET
            status = CASE WHEN {Stale} THEN a.status ELSE EXCLUDED.status END,
            labels = CASE WHEN {Stale} THEN a.labels ELSE EXCLUDED.labels END,
            annotations = CASE WHEN {Stale} THEN a.annotations ELSE EXCLUDED.annotations END,
            starts_at = CASE WHEN {Stale} THEN a.starts_at ELSE EXCLUDED.starts_at END,
            ends_at = CASE WHEN {Stale} THEN a.ends_at ELSE EXCLUDED.ends_at END,
            last_event_id = CASE WHEN {Stale} THEN a.last_event_id ELSE EXCLUDED.last_event_id END,
            last_event = CASE WHEN {Stale} THEN a.last_event ELSE EXCLUDED.last_event END,
            resource_id = CASE WHEN {Stale} THEN a.resource_id ELSE EXCLUDED.resource_id END,
            last_seen = GREATEST(a.last_seen, EXCLUDED.last_seen),
            notifications = a.notifications + EXCLUDED.notifications,
            last_change = {Change},
            version = a.version + 1,
            pending = true,
            pending_change = CASE WHEN {WasPending} AND {Change} = 'repeat' THEN a.pending_change ELSE {Change} END,
            pending_occurrences = CASE WHEN {WasPending} THEN a.pending_occurrences ELSE 0 END + EXCLUDED.pending_occurrences,
            pending_since = CASE WHEN {WasPending} THEN a.pending_since ELSE EXCLUDED.pending_since END
        RETURNING a.source, a.fingerprint, a.last_change, (a.xmax = 0), a.version, a.status, a.starts_at
        """;

    private const string Mark =
        """
        UPDATE aiops_alerts AS a SET
            pending = a.version > d.version,
            pending_occurrences = CASE WHEN a.version > d.version THEN a.pending_occurrences ELSE 0 END,
            pending_since = CASE WHEN a.version > d.version THEN a.last_seen ELSE a.pending_since END
        FROM unnest($1::text[], $2::text[], $3::bigint[]) AS d(source, fingerprint, version)
        WHERE a.source = d.source AND a.fingerprint = d.fingerprint AND a.version >= d.version AND a.pending
        """;

    // Repeats counted in memory (AlertRepeats): counts and last-seen only; the end moves only while the state is the same.
    private const string Repeats =
        """
        UPDATE aiops_alerts AS a SET
            notifications = a.notifications + r.count,
            last_seen = GREATEST(a.last_seen, r.last_seen),
            ends_at = CASE WHEN r.ends_at IS NOT NULL AND a.status = r.status AND a.starts_at = r.starts_at THEN r.ends_at ELSE a.ends_at END
        FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::integer[], $6::timestamptz[], $7::timestamptz[])
            AS r(source, fingerprint, status, starts_at, count, last_seen, ends_at)
        WHERE a.source = r.source AND a.fingerprint = r.fingerprint
        """;

    private const string Columns = "source, fingerprint, status, labels::text, annotations::text, starts_at, ends_at, first_seen, last_seen, notifications, last_event_id, last_change, resource_id, pending";

    /// <summary>How the latest event is kept in <c>last_event</c>.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <inheritdoc />
    public async Task<AlertBatchResult> WriteAsync(AlertBatch batch, IReadOnlyCollection<AlertDelivery> delivered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(delivered);
        var rounds = batch.Rounds;
        var marks = new Dictionary<(string, string), long>(delivered.Count);
        foreach (var d in delivered)
        {
            marks[(d.Source, d.Fingerprint)] = Math.Max(d.Version, marks.GetValueOrDefault((d.Source, d.Fingerprint)));
        }

        // Marks of rows the first round writes go with that write; the others need their own statement.
        var written = rounds.Count == 0 ? [] : rounds[0].Select(w => (w.Last.Source, w.Last.Fingerprint)).ToHashSet();
        var apart = delivered.Where(d => !written.Contains((d.Source, d.Fingerprint))).ToList();
        await using var command = dataSource.CreateBatch();
        if (apart.Count > 0)
        {
            command.BatchCommands.Add(MarkCommand(apart));
        }

        for (var r = 0; r < rounds.Count; r++)
        {
            command.BatchCommands.Add(UpsertCommand(rounds[r], r == 0 ? marks : null));
        }

        var outcomes = new List<IReadOnlyList<AlertOutcome>>(rounds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        foreach (var round in rounds)
        {
            // Statements without rows (the marks) are skipped by NextResult; every upsert returns one row per write.
            while (reader.FieldCount == 0)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            var byKey = new Dictionary<(string, string), (AlertOutcome Outcome, string Status, DateTimeOffset StartsAt)>(round.Count);
            while (await reader.ReadAsync(cancellationToken))
            {
                byKey[(reader.GetString(0), reader.GetString(1))] = (
                    new AlertOutcome(ParseChange(reader.GetString(2)), reader.GetBoolean(3), reader.GetInt64(4)), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6));
            }

            outcomes.Add([.. round.Select(w =>
            {
                var (outcome, status, startsAt) = byKey[(w.Last.Source, w.Last.Fingerprint)];
                // PostgreSQL keeps microseconds: the write is the stored state when status and start agree to the microsecond.
                return outcome with { Applied = status == Wire(w.Last.Status) && startsAt.UtcTicks / 10 == w.Last.StartsAt.UtcTicks / 10 };
            })]);
            await reader.NextResultAsync(cancellationToken);
        }

        return batch.Complete(outcomes);
    }

    /// <inheritdoc />
    public async Task MarkDeliveredAsync(IReadOnlyCollection<AlertDelivery> delivered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        if (delivered.Count == 0)
        {
            return;
        }

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(MarkCommand(delivered));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task AddRepeatsAsync(IReadOnlyCollection<AlertRepeat> repeats, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        var rows = AlertRepeatRow.Merge(repeats);
        if (rows.Count == 0)
        {
            return;
        }

        await using var batch = dataSource.CreateBatch();
        var command = new NpgsqlBatchCommand(Repeats);
        Add(command, rows.Select(r => r.Source).ToArray());
        Add(command, rows.Select(r => r.Fingerprint).ToArray());
        Add(command, rows.Select(r => Wire(r.Status)).ToArray());
        Add(command, rows.Select(r => r.StartsAt.ToUniversalTime()).ToArray());
        Add(command, rows.Select(r => r.Count).ToArray());
        Add(command, rows.Select(r => r.LastSeen.ToUniversalTime()).ToArray());
        Add(command, rows.Select(r => r.EndsAt?.ToUniversalTime()).ToArray());
        batch.BatchCommands.Add(command);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(AlertSignal Signal, AlertDelivery Delivery)>> PendingAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT last_event::text, pending_change, pending_occurrences, pending_since, source, fingerprint, version FROM aiops_alerts WHERE pending AND pending_since < $1 ORDER BY pending_since LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = before.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var pending = new List<(AlertSignal, AlertDelivery)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var systemEvent = JsonSerializer.Deserialize<SystemEvent>(reader.GetString(0), Json)!;
            pending.Add((
                new AlertSignal(systemEvent, ParseChange(reader.GetString(1)), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3)),
                new AlertDelivery(reader.GetString(4), reader.GetString(5), reader.GetInt64(6))));
        }

        return pending;
    }

    /// <inheritdoc />
    public async Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        var q = AlertQueries.Normalize(query);
        var filter = new PostgresFilter();
        if (q.Source is { } source)
        {
            filter.Where($"source = {filter.Parameter(source)}");
        }

        if (q.Status is { } status)
        {
            filter.Where($"status = {filter.Parameter(Wire(status))}");
        }

        if (q.ResourceId is { } resourceId)
        {
            filter.Where($"resource_id = {filter.Parameter(resourceId)}");
        }

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(filter.Command($"SELECT count(*) FROM aiops_alerts WHERE {filter.Clause}"));
        batch.BatchCommands.Add(filter.Command(
            $"SELECT {Columns} FROM aiops_alerts WHERE {filter.Clause} ORDER BY last_seen DESC, source, fingerprint LIMIT {filter.Next(1)} OFFSET {filter.Next(2)}",
            q.Limit, q.Offset));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<StoredAlert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return new AlertPage(items, total, q.Offset, q.Limit);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredAlert>> GetAsync(IReadOnlyCollection<(string Source, string Fingerprint)> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM aiops_alerts JOIN (SELECT DISTINCT source, fingerprint FROM unnest($1::text[], $2::text[]) AS u(source, fingerprint)) AS k USING (source, fingerprint)");
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Source).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Fingerprint).ToArray() });
        var found = new List<StoredAlert>(keys.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Read(reader));
        }

        return found;
    }

    private static StoredAlert Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2) == "firing" ? AlertStatus.Firing : AlertStatus.Resolved,
        Map(reader.GetString(3)),
        Map(reader.GetString(4)),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetInt64(9),
        reader.GetString(10),
        ParseChange(reader.GetString(11)),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        reader.GetBoolean(13));

    private static NpgsqlBatchCommand UpsertCommand(IReadOnlyList<AlertWrite> round, Dictionary<(string, string), long>? marks)
    {
        // Sorted, so silos writing overlapping batches lock the rows in the same order.
        var writes = round.OrderBy(w => w.Last.Source, StringComparer.Ordinal).ThenBy(w => w.Last.Fingerprint, StringComparer.Ordinal).ToArray();
        var command = new NpgsqlBatchCommand(Upsert);
        Add(command, writes.Select(w => w.Last.Source).ToArray());
        Add(command, writes.Select(w => w.Last.Fingerprint).ToArray());
        Add(command, writes.Select(w => Wire(w.Last.Status)).ToArray());
        Add(command, writes.Select(w => JsonSerializer.Serialize(w.Last.Labels, Json)).ToArray());
        Add(command, writes.Select(w => JsonSerializer.Serialize(w.Last.Annotations, Json)).ToArray());
        Add(command, writes.Select(w => w.Last.StartsAt.ToUniversalTime()).ToArray());
        Add(command, writes.Select(w => w.Last.EndsAt?.ToUniversalTime()).ToArray());
        Add(command, writes.Select(w => w.FirstReceivedAt.ToUniversalTime()).ToArray());
        Add(command, writes.Select(w => w.Last.ReceivedAt.ToUniversalTime()).ToArray());
        Add(command, writes.Select(w => w.Occurrences).ToArray());
        Add(command, writes.Select(w => w.Last.Event.Id).ToArray());
        Add(command, writes.Select(w => JsonSerializer.Serialize(w.Last.Event, Json)).ToArray());
        Add(command, writes.Select(w => w.Last.Event.ResourceId).ToArray());
        Add(command, writes.Select(w => marks?.GetValueOrDefault((w.Last.Source, w.Last.Fingerprint)) ?? 0L).ToArray());
        return command;
    }

    private static NpgsqlBatchCommand MarkCommand(IReadOnlyCollection<AlertDelivery> delivered)
    {
        var command = new NpgsqlBatchCommand(Mark);
        Add(command, delivered.Select(d => d.Source).ToArray());
        Add(command, delivered.Select(d => d.Fingerprint).ToArray());
        Add(command, delivered.Select(d => d.Version).ToArray());
        return command;
    }

    private static void Add(NpgsqlBatchCommand command, object value) => command.Parameters.Add(new NpgsqlParameter { Value = value });

    private static ImmutableDictionary<string, string> Map(string json) =>
        JsonSerializer.Deserialize<ImmutableDictionary<string, string>>(json, Json) ?? ImmutableDictionary<string, string>.Empty;

    private static string Wire(AlertStatus status) => status == AlertStatus.Firing ? "firing" : "resolved";

    private static AlertChange ParseChange(string change) => change switch
    {
        "firing" => AlertChange.Firing,
        "resolved" => AlertChange.Resolved,
        _ => AlertChange.Repeat,
    };
}
