using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;

namespace AIOps.Grains.Costs;

/// <summary>The durable cost history: table <c>aiops_cost_snapshots</c> (deploy/sql/062), one row per group per snapshot.</summary>
public sealed class PostgresCostHistoryStore(NpgsqlDataSource dataSource) : ICostHistoryStore
{
    /// <inheritdoc />
    public async Task AppendAsync(DateTimeOffset at, IReadOnlyCollection<CostSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            "INSERT INTO aiops_cost_snapshots (at, dimension, key, per_hour) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::numeric[])");
        command.Parameters.Add(new NpgsqlParameter { Value = at.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => s.Dimension).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => s.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => s.PerHour).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);

        // Kept for 400 days (a year's trends and the same month a year ago); older rows go as new ones come.
        await using var prune = dataSource.CreateCommand("DELETE FROM aiops_cost_snapshots WHERE at < $1");
        prune.Parameters.Add(new NpgsqlParameter { Value = at.ToUniversalTime() - Retention, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await prune.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How long snapshots are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(400);

    /// <inheritdoc />
    public async Task<IReadOnlyList<CostTrendSeries>> QueryAsync(string dimension, IReadOnlyCollection<string>? keys, DateTimeOffset from, DateTimeOffset to, TimeSpan step,
        CancellationToken cancellationToken = default)
    {
        // Buckets counted from `from` in whole steps, so both stores answer with the same points.
        await using var command = dataSource.CreateCommand(
            """
            SELECT key, floor(extract(epoch FROM (at - $2)) / $4)::bigint AS bucket, round(avg(per_hour), 6)
            FROM aiops_cost_snapshots
            WHERE dimension = $1 AND at >= $2 AND at < $3 AND ($5::text[] IS NULL OR key = ANY($5))
            GROUP BY key, bucket
            ORDER BY key, bucket
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = dimension });
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = step.TotalSeconds, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = keys is null ? DBNull.Value : keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var series = new List<CostTrendSeries>();
        string? key = null;
        var points = ImmutableArray.CreateBuilder<CostTrendPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowKey = reader.GetString(0);
            if (key is not null && rowKey != key)
            {
                series.Add(new CostTrendSeries(key, points.ToImmutable()));
                points.Clear();
            }

            key = rowKey;
            points.Add(new CostTrendPoint(from + TimeSpan.FromTicks(reader.GetInt64(1) * step.Ticks), reader.GetDecimal(2)));
        }

        if (key is not null)
        {
            series.Add(new CostTrendSeries(key, points.ToImmutable()));
        }

        return series;
    }
}
