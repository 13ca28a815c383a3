using Npgsql;
using NpgsqlTypes;

namespace AIOps.Benchmarks.Storage;

/// <summary>
/// A diagnostic path between the two: the grain storage's own write statement (<c>WriteToStorageKey</c> from
/// OrleansQuery, i.e. the <c>orleans_storage_write</c> function) sent straight through Npgsql with the parameters
/// the provider sends, on copies of the grain rows under another service id. Against the grain path it isolates the
/// Orleans runtime and provider cost; against the raw upsert, the cost of the schema's write function.
/// </summary>
internal sealed class OrleansSqlWorkload
{
    private const string CopyServiceId = "aiops-bench-sql";

    private readonly NpgsqlDataSource _dataSource;
    private readonly byte[] _payloadTemplate;
    private readonly string _writeQuery;
    private readonly Row[] _rows;

    private OrleansSqlWorkload(NpgsqlDataSource dataSource, byte[] payloadTemplate, string writeQuery, Row[] rows)
    {
        _dataSource = dataSource;
        _payloadTemplate = payloadTemplate;
        _writeQuery = writeQuery;
        _rows = rows;
    }

    /// <summary>Copies the grain rows whose key starts with <paramref name="keyPrefix"/> and loads the write statement.</summary>
    public static async Task<OrleansSqlWorkload> CreateAsync(NpgsqlDataSource dataSource, string keyPrefix, byte[] payloadTemplate, CancellationToken cancellationToken)
    {
        string writeQuery;
        await using (var query = dataSource.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'"))
        {
            writeQuery = (string?)await query.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException("OrleansQuery has no WriteToStorageKey.");
        }

        var rows = new List<Row>();
        await using var copy = dataSource.CreateCommand(
            """
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
            SELECT GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, $1, PayloadBinary, 1
            FROM   OrleansStorage
            WHERE  ServiceId = $2 AND GrainIdExtensionString LIKE $3
            RETURNING GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString
            """);
        copy.Parameters.Add(new NpgsqlParameter { Value = CopyServiceId });
        copy.Parameters.Add(new NpgsqlParameter { Value = BenchmarkSilo.ServiceId });
        copy.Parameters.Add(new NpgsqlParameter { Value = keyPrefix + "%" });
        await using var reader = await copy.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5)));
        }

        return rows.Count == 0
            ? throw new InvalidOperationException($"No grain rows '{keyPrefix}*' to copy.")
            : new OrleansSqlWorkload(dataSource, payloadTemplate, writeQuery, rows.ToArray());
    }

    /// <summary>Timed writes round-robin over the copied rows, each with the version it last got back.</summary>
    public Task<LoadResult> RunAsync(int writes, int concurrency, CancellationToken cancellationToken) =>
        LoadGenerator.RunAsync(writes, concurrency, i => WriteAsync(_rows[i % _rows.Length], cancellationToken), cancellationToken);

    private async Task WriteAsync(Row row, CancellationToken cancellationToken)
    {
        var expected = row.Version;
        await using var command = _dataSource.CreateCommand(_writeQuery);
        command.Parameters.Add(new NpgsqlParameter<int>("GrainIdHash", row.GrainIdHash));
        command.Parameters.Add(new NpgsqlParameter<long>("GrainIdN0", row.N0));
        command.Parameters.Add(new NpgsqlParameter<long>("GrainIdN1", row.N1));
        command.Parameters.Add(new NpgsqlParameter<int>("GrainTypeHash", row.GrainTypeHash));
        command.Parameters.Add(new NpgsqlParameter<string>("GrainTypeString", row.GrainType));
        command.Parameters.Add(new NpgsqlParameter<string>("GrainIdExtensionString", row.Key));
        command.Parameters.Add(new NpgsqlParameter<string>("ServiceId", CopyServiceId));
        command.Parameters.Add(new NpgsqlParameter<int>("GrainStateVersion", expected));
        command.Parameters.Add(new NpgsqlParameter<byte[]>("PayloadBinary", NpgsqlDbType.Bytea) { TypedValue = RawUpsertWorkload.Stamp(_payloadTemplate, expected) });
        var version = await command.ExecuteScalarAsync(cancellationToken) as int?;
        row.Version = version is { } v && v != expected
            ? v
            : throw new InvalidOperationException($"Version conflict writing copy of {row.Key}: expected {expected}, got {version}.");
    }

    private sealed class Row(int grainIdHash, long n0, long n1, int grainTypeHash, string grainType, string key)
    {
        public int GrainIdHash { get; } = grainIdHash;

        public long N0 { get; } = n0;

        public long N1 { get; } = n1;

        public int GrainTypeHash { get; } = grainTypeHash;

        public string GrainType { get; } = grainType;

        public string Key { get; } = key;

        // Only one write per row is in flight (more rows than writers, round-robin), so no lock is needed.
        public int Version { get; set; } = 1;
    }
}
