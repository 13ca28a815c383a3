using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Grains.Catalog;
using Npgsql;

namespace AIOps.Grains.Actions;

/// <summary>The durable action index: table <c>aiops_action_index</c> (deploy/sql), one row per action.</summary>
public sealed class PostgresActionIndex(NpgsqlDataSource dataSource) : IActionIndex
{
    private const string Columns = "id, agent_id, type, description, status, risk_level, target_resources, teams, created_at, updated_at, version";

    /// <inheritdoc />
    public async Task<bool> PutAsync(ActionSummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO aiops_action_index AS a ({Columns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (id) DO UPDATE SET
                agent_id = EXCLUDED.agent_id, type = EXCLUDED.type, description = EXCLUDED.description, status = EXCLUDED.status,
                risk_level = EXCLUDED.risk_level, target_resources = EXCLUDED.target_resources, teams = EXCLUDED.teams,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version
            WHERE a.version < EXCLUDED.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.AgentId });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Description });
        command.Parameters.Add(new NpgsqlParameter { Value = Wire(summary.Status) });
        command.Parameters.Add(new NpgsqlParameter { Value = Wire(summary.RiskLevel) });
        command.Parameters.Add(new NpgsqlParameter { Value = Array(summary.TargetResources) });
        command.Parameters.Add(new NpgsqlParameter { Value = Array(summary.Teams) });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.CreatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.UpdatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Version });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<ActionPage> QueryAsync(ActionQuery query, CancellationToken cancellationToken = default)
    {
        var q = ActionQueries.Normalize(query);
        var filter = new PostgresFilter();
        if (q.Status is { } status)
        {
            filter.Where($"status = {filter.Parameter(Wire(status))}");
        }

        if (q.AgentId is { } agentId)
        {
            filter.Where($"agent_id = {filter.Parameter(agentId)}");
        }

        if (q.ResourceId is { } resourceId)
        {
            filter.Where($"target_resources @> {filter.Parameter(new[] { resourceId })}");
        }

        if (q.Teams is { } teams)
        {
            // Every team the action touches must be in the scope; an action without teams has none to fail.
            filter.Where($"teams <@ {filter.Parameter(teams.ToArray())}");
        }

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(filter.Command($"SELECT count(*) FROM aiops_action_index WHERE {filter.Clause}"));
        batch.BatchCommands.Add(filter.Command(
            $"SELECT {Columns} FROM aiops_action_index WHERE {filter.Clause} ORDER BY created_at DESC, id LIMIT {filter.Next(1)} OFFSET {filter.Next(2)}",
            q.Limit, q.Offset));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<ActionSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new ActionSummary(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                Enum.Parse<ActionStatus>(reader.GetString(4), ignoreCase: true),
                Enum.Parse<RiskLevel>(reader.GetString(5), ignoreCase: true),
                [.. reader.GetFieldValue<string[]>(6)],
                [.. reader.GetFieldValue<string[]>(7)],
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetInt32(10)));
        }

        return new ActionPage(items, total, q.Offset, q.Limit);
    }

    private static string Wire<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string[] Array(ImmutableArray<string> values) => values.IsDefault ? [] : [.. values];
}
