using System.Text.Json;
using AIOps.Incidents.Models;
using Npgsql;
using NpgsqlTypes;

namespace AIOps.Grains.Models;

/// <summary>
/// The durable model store: table <c>aiops_models</c> (deploy/sql/060), one row per version. The next version of a
/// name is assigned under a transaction-scoped advisory lock on it, so silos training at once get 1, 2, ... without
/// a gap or a clash.
/// </summary>
public sealed class PostgresModelStore(NpgsqlDataSource dataSource, TimeProvider clock) : IModelStore
{
    private const string Metadata = "name, version, trained_at, trainer, examples, metrics::text";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task<ModelVersion> SaveAsync(string name, ReadOnlyMemory<byte> model, string trainer, int examples, ModelMetrics metrics, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(metrics);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('aiops_models:' || $1, 0))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = name });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO aiops_models (name, version, trained_at, trainer, examples, metrics, model)
            SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5::jsonb, $6 FROM aiops_models WHERE name = $1
            RETURNING {Metadata}
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = name });
        insert.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter { Value = trainer });
        insert.Parameters.Add(new NpgsqlParameter { Value = examples });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(metrics, Json) });
        insert.Parameters.Add(new NpgsqlParameter { Value = model.ToArray(), NpgsqlDbType = NpgsqlDbType.Bytea });
        ModelVersion saved;
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            saved = Read(reader);
        }

        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <inheritdoc />
    public async Task<(ModelVersion Version, byte[] Model)?> LoadLatestAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Metadata}, model FROM aiops_models WHERE name = $1 ORDER BY version DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), reader.GetFieldValue<byte[]>(6)) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelVersion>> ListAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Metadata} FROM aiops_models WHERE name = $1 ORDER BY version DESC");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelVersion>> ListLatestAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT DISTINCT ON (name) {Metadata} FROM aiops_models ORDER BY name, version DESC");
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<ModelVersion>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<ModelVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(Read(reader));
        }

        return versions;
    }

    private static ModelVersion Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        reader.GetFieldValue<DateTimeOffset>(2),
        reader.GetString(3),
        reader.GetInt32(4),
        JsonSerializer.Deserialize<ModelMetrics>(reader.GetString(5), Json) ?? throw new InvalidOperationException($"aiops_models row {reader.GetString(0)}@{reader.GetInt32(1)} has no metrics."));
}
