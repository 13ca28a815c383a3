using AIOps.Incidents.Remediation;
using Npgsql;
using NpgsqlTypes;

namespace AIOps.Grains.Runbooks;

/// <summary>The durable outcome store: table <c>aiops_remediation_outcomes</c> (deploy/sql/061), one row per runbook action.</summary>
public sealed class PostgresRemediationOutcomeStore(NpgsqlDataSource dataSource) : IRemediationOutcomeStore
{
    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyCollection<RemediationOutcome> outcomes, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO aiops_remediation_outcomes (recorded_at, incident_type, runbook_id, step_action, resource_kind, environment, prior_attempts, success)
            SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::boolean[])
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = at.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Features.IncidentType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Features.RunbookId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Features.StepAction).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Features.ResourceKind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Features.Environment).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Features.PriorAttempts).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Success).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RemediationOutcome>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT incident_type, runbook_id, step_action, resource_kind, environment, prior_attempts, success FROM aiops_remediation_outcomes ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var outcomes = new List<RemediationOutcome>();
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes.Add(new RemediationOutcome(
                new RemediationFeatures(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5)),
                reader.GetBoolean(6)));
        }

        return outcomes;
    }

    /// <inheritdoc />
    public async Task<int> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*)::integer FROM aiops_remediation_outcomes WHERE recorded_at > $1");
        command.Parameters.Add(new NpgsqlParameter { Value = since.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
