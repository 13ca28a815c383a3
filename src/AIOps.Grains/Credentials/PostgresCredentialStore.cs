using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace AIOps.Grains.Credentials;

/// <summary>
/// The durable store: table <c>aiops_credentials</c> (deploy/sql/041). One row per credential; a rotation is one
/// UPDATE guarded by the expected version, so two silos rotating at once cannot both win.
/// </summary>
public sealed class PostgresCredentialStore(NpgsqlDataSource dataSource) : ICredentialStore
{
    private const string MetadataColumns = "name, kind, team, description, attributes::text, secret_fields, version, created_at, created_by, rotated_at, rotated_by";

    /// <inheritdoc />
    public async Task<bool> TryInsertAsync(CredentialRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        var m = row.Metadata;
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO aiops_credentials (name, kind, team, description, attributes, secret_fields, payload, version, created_at, created_by)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10)
            ON CONFLICT (name) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = m.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = CredentialValidation.WireName(m.Kind) });
        command.Parameters.Add(Text(m.Team));
        command.Parameters.Add(Text(m.Description));
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(m.Attributes) });
        command.Parameters.Add(new NpgsqlParameter { Value = m.SecretFields.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = m.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = m.CreatedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = m.CreatedBy });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> TryReplaceAsync(CredentialRow row, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        var m = row.Metadata;
        await using var command = dataSource.CreateCommand(
            """
            UPDATE aiops_credentials
            SET attributes = $2::jsonb, secret_fields = $3, payload = $4, version = $5, rotated_at = $6, rotated_by = $7
            WHERE name = $1 AND version = $8
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = m.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(m.Attributes) });
        command.Parameters.Add(new NpgsqlParameter { Value = m.SecretFields.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = m.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)m.RotatedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Text(m.RotatedBy));
        command.Parameters.Add(new NpgsqlParameter { Value = expectedVersion });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> TryDeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM aiops_credentials WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<CredentialRow?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {MetadataColumns}, payload FROM aiops_credentials WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CredentialRow(ReadMetadata(reader), reader.GetFieldValue<byte[]>(11))
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CredentialMetadata>> ListAsync(string? team, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {MetadataColumns} FROM aiops_credentials WHERE $1::text IS NULL OR team = $1 ORDER BY name COLLATE \"C\"");
        command.Parameters.Add(Text(team));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<CredentialMetadata>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadMetadata(reader));
        }

        return items;
    }

    private static CredentialMetadata ReadMetadata(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        CredentialValidation.ParseWireName(reader.GetString(1)) ?? throw new InvalidOperationException($"aiops_credentials row '{reader.GetString(0)}' has an unknown kind."),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        new SortedDictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4)) ?? [], StringComparer.Ordinal),
        reader.GetFieldValue<string[]>(5),
        reader.GetInt32(6),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        reader.IsDBNull(10) ? null : reader.GetString(10));

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
