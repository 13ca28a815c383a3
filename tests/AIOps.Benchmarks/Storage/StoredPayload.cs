using Npgsql;

namespace AIOps.Benchmarks.Storage;

/// <summary>What the grain storage really wrote for a group of resource grains: row count, payload sizes, one payload.</summary>
/// <param name="GrainType">OrleansStorage.GrainTypeString of those rows.</param>
/// <param name="Rows">How many rows.</param>
/// <param name="AverageBytes">Mean payload length.</param>
/// <param name="MinBytes">Shortest payload.</param>
/// <param name="MaxBytes">Longest payload.</param>
/// <param name="Sample">One payload, resized to the mean length, as the template of the raw writes.</param>
internal sealed record StoredPayload(string GrainType, long Rows, double AverageBytes, int MinBytes, int MaxBytes, byte[] Sample)
{
    public static async Task<StoredPayload> MeasureAsync(NpgsqlDataSource dataSource, string keyPrefix, CancellationToken cancellationToken)
    {
        await using var stats = dataSource.CreateCommand(
            """
            SELECT GrainTypeString, count(*), avg(octet_length(PayloadBinary))::float8,
                   min(octet_length(PayloadBinary)), max(octet_length(PayloadBinary)),
                   (array_agg(PayloadBinary ORDER BY GrainIdExtensionString))[1]
            FROM   OrleansStorage
            WHERE  GrainIdExtensionString LIKE $1
            GROUP  BY GrainTypeString
            """);
        stats.Parameters.Add(new NpgsqlParameter { Value = keyPrefix + "%" });
        await using var reader = await stats.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"No OrleansStorage rows for keys '{keyPrefix}*': the grain writes did not reach PostgreSQL.");
        }

        var average = reader.GetDouble(2);
        var sample = reader.GetFieldValue<byte[]>(5);
        Array.Resize(ref sample, (int)Math.Round(average));
        var result = new StoredPayload(reader.GetString(0), reader.GetInt64(1), average, reader.GetInt32(3), reader.GetInt32(4), sample);
        return await reader.ReadAsync(cancellationToken)
            ? throw new InvalidOperationException($"Keys '{keyPrefix}*' are stored under more than one grain type.")
            : result;
    }
}
