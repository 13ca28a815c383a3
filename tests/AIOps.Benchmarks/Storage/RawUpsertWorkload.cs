using Npgsql;
using NpgsqlTypes;

namespace AIOps.Benchmarks.Storage;

/// <summary>
/// The floor the grain path is compared with: one unprepared single-row upsert per write through a pooled
/// <see cref="NpgsqlDataSource"/>, same key shape and payload size as the grain's row, returning the new version as
/// Orleans' write does.
/// </summary>
internal sealed class RawUpsertWorkload(NpgsqlDataSource dataSource, byte[] payloadTemplate, int rows)
{
    public const string Group = "raw";

    private const string Upsert =
        """
        INSERT INTO bench_raw_state (id, payload, version) VALUES ($1, $2, 1)
        ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, version = bench_raw_state.version + 1, modified_on = now()
        RETURNING version
        """;

    private readonly string[] _keys = Enumerable.Range(0, rows).Select(i => ResourceSpecs.Key(Group, i)).ToArray();
    private readonly long[] _revisions = new long[rows];

    /// <summary>Creates the table (empty).</summary>
    public async Task CreateTableAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            DROP TABLE IF EXISTS bench_raw_state;
            CREATE TABLE bench_raw_state
            (
                id          varchar(512) PRIMARY KEY,
                payload     bytea        NOT NULL,
                version     integer      NOT NULL,
                modified_on timestamptz  NOT NULL DEFAULT now()
            )
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts every row once, which also opens the pool's connections.</summary>
    public Task<LoadResult> WarmUpAsync(int concurrency, CancellationToken cancellationToken) =>
        LoadGenerator.RunAsync(_keys.Length, concurrency, i => UpsertAsync(i, cancellationToken), cancellationToken);

    /// <summary>Timed updates of the existing rows.</summary>
    public Task<LoadResult> RunAsync(int writes, int concurrency, CancellationToken cancellationToken) =>
        LoadGenerator.RunAsync(writes, concurrency, i => UpsertAsync(i % _keys.Length, cancellationToken), cancellationToken);

    private async Task UpsertAsync(int index, CancellationToken cancellationToken)
    {
        var revision = Interlocked.Increment(ref _revisions[index]);
        await using var command = dataSource.CreateCommand(Upsert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _keys[index], NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Stamp(payloadTemplate, revision), NpgsqlDbType = NpgsqlDbType.Bytea });
        _ = await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// The grain's JSON with <paramref name="revision"/> stamped into it: same size, different bytes every time, in a
    /// fresh array as a serializer would produce.
    /// </summary>
    public static byte[] Stamp(byte[] template, long revision)
    {
        var payload = (byte[])template.Clone();
        var digits = revision.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        var at = Math.Max(0, payload.Length / 2 - digits.Length);
        for (var i = 0; i < digits.Length && at + i < payload.Length; i++)
        {
            payload[at + i] = (byte)digits[i];
        }

        return payload;
    }
}
