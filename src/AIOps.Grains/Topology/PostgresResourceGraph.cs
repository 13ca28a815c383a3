using Npgsql;

namespace AIOps.Grains.Topology;

/// <summary>The durable graph: table <c>aiops_resource_edges</c> (deploy/sql), one row per dependency.</summary>
public sealed class PostgresResourceGraph(NpgsqlDataSource dataSource) : IResourceGraph
{
    /// <inheritdoc />
    public async Task SetDependenciesAsync(string resourceId, IReadOnlyCollection<string> dependencies, CancellationToken cancellationToken = default)
    {
        // Removes the edges that went away and adds the new ones in one statement, so readers never see a half update.
        await using var command = dataSource.CreateCommand(
            """
            WITH wanted AS (SELECT DISTINCT unnest($2::text[]) AS depends_on),
            removed AS (
                DELETE FROM aiops_resource_edges e
                WHERE e.resource_id = $1 AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.depends_on = e.depends_on)
            )
            INSERT INTO aiops_resource_edges (resource_id, depends_on)
            SELECT $1, depends_on FROM wanted
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = resourceId });
        command.Parameters.Add(new NpgsqlParameter { Value = dependencies.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetDependentsAsync(string resourceId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT resource_id FROM aiops_resource_edges WHERE depends_on = $1 ORDER BY resource_id LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = resourceId });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dependents = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            dependents.Add(reader.GetString(0));
        }

        return dependents;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AIOps.Abstractions.Resources.ResourceEdge>> GetEdgesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var edges = new List<AIOps.Abstractions.Resources.ResourceEdge>();
        if (ids.Count == 0)
        {
            return edges;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT resource_id, depends_on FROM aiops_resource_edges WHERE resource_id = ANY($1) OR depends_on = ANY($1) ORDER BY resource_id, depends_on");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.Distinct(StringComparer.Ordinal).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            edges.Add(new AIOps.Abstractions.Resources.ResourceEdge(reader.GetString(0), reader.GetString(1)));
        }

        return edges;
    }

    /// <inheritdoc />
    public async Task<int> CountBlastRadiusAsync(IReadOnlyCollection<string> targets, int cap, CancellationToken cancellationToken = default)
    {
        // UNION (not UNION ALL) drops resources already reached, so cycles end; the LIMIT stops the walk at the cap.
        await using var command = dataSource.CreateCommand(
            """
            WITH RECURSIVE touched(id) AS (
                SELECT unnest($1::text[])
                UNION
                SELECT e.resource_id FROM aiops_resource_edges e JOIN touched t ON e.depends_on = t.id
            )
            SELECT count(*) FROM (SELECT id FROM touched LIMIT $2) capped
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = targets.Distinct(StringComparer.Ordinal).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = cap });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
