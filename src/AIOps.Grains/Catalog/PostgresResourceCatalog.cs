using AIOps.Abstractions.Costs;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Costs;
using Npgsql;

namespace AIOps.Grains.Catalog;

/// <summary>The durable catalog: table <c>aiops_resource_catalog</c> (deploy/sql), one row per resource; sums are GROUP BYs in the database.</summary>
public sealed class PostgresResourceCatalog(NpgsqlDataSource dataSource) : IResourceCatalog
{
    private const string Columns = "id, provider, kind, name, location, team, environment, health, cost_per_hour, updated_at, version";

    // GROUPING(provider, team, kind, environment) sets a bit for each column a row is NOT grouped by.
    private const int ByProvider = 0b0111;
    private const int ByTeam = 0b1011;
    private const int ByKind = 0b1101;
    private const int ByEnvironment = 0b1110;

    /// <inheritdoc />
    public async Task<bool> UpsertAsync(ResourceSummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);

        // The guard is in the statement, so concurrent writers cannot put an older version over a newer one.
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO aiops_resource_catalog AS c ({Columns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (id) DO UPDATE SET
                provider = EXCLUDED.provider, kind = EXCLUDED.kind, name = EXCLUDED.name, location = EXCLUDED.location,
                team = EXCLUDED.team, environment = EXCLUDED.environment, health = EXCLUDED.health,
                cost_per_hour = EXCLUDED.cost_per_hour, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version
            WHERE c.version < EXCLUDED.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Provider });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Kind });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Location });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = summary.Team, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = summary.Environment, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Wire(summary.Health) });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.CostPerHour });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.UpdatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = summary.Version });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM aiops_resource_catalog WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ResourcePage> QueryAsync(ResourceQuery query, CancellationToken cancellationToken = default)
    {
        var q = ResourceQueries.Normalize(query);
        var filter = new PostgresFilter();
        Equal(filter, "provider", q.Provider);
        Equal(filter, "kind", q.Kind);
        Equal(filter, "team", q.Team);
        Equal(filter, "environment", q.Environment);
        if (q.Health is { } health)
        {
            Equal(filter, "health", Wire(health));
        }

        if (q.Text is { } text)
        {
            var pattern = filter.Parameter(PostgresFilter.Contains(text));
            filter.Where($"(lower(name) LIKE {pattern} OR lower(id) LIKE {pattern})");
        }

        Scope(filter, q.Teams);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(filter.Command($"SELECT count(*) FROM aiops_resource_catalog WHERE {filter.Clause}"));
        batch.BatchCommands.Add(filter.Command(
            $"SELECT {Columns} FROM aiops_resource_catalog WHERE {filter.Clause} ORDER BY id LIMIT {filter.Next(1)} OFFSET {filter.Next(2)}",
            q.Limit, q.Offset));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<ResourceSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadSummary(reader));
        }

        return new ResourcePage(items, total, q.Offset, q.Limit);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ResourceSummary>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var items = new List<ResourceSummary>();
        if (ids.Count == 0)
        {
            return items;
        }

        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM aiops_resource_catalog WHERE id = ANY($1) ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.Distinct(StringComparer.Ordinal).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadSummary(reader));
        }

        return items;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetTeamsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var teams = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return teams;
        }

        await using var command = dataSource.CreateCommand("SELECT id, team FROM aiops_resource_catalog WHERE id = ANY($1) AND team IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            teams[reader.GetString(0)] = reader.GetString(1);
        }

        return teams;
    }

    /// <inheritdoc />
    public async Task<CostAggregate> AggregateCostsAsync(CostReportQuery query, CancellationToken cancellationToken = default)
    {
        var q = CostReportQueries.Normalize(query);
        var filter = new PostgresFilter();
        Equal(filter, "provider", q.Provider);
        Equal(filter, "team", q.Team);
        Equal(filter, "environment", q.Environment);
        Scope(filter, q.Teams);

        // One scan for the total and all four breakdowns; the () set always yields a row, even over no resources.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(filter.Command(
            $"""
            SELECT GROUPING(provider, team, kind, environment), provider, team, kind, environment,
                   count(*), coalesce(sum(cost_per_hour), 0), count(*) FILTER (WHERE cost_per_hour = 0)
            FROM aiops_resource_catalog
            WHERE {filter.Clause}
            GROUP BY GROUPING SETS ((), (provider), (team), (kind), (environment))
            """));
        batch.BatchCommands.Add(filter.Command(
            $"SELECT {Columns} FROM aiops_resource_catalog WHERE {filter.Clause} AND cost_per_hour > 0 ORDER BY cost_per_hour DESC, id LIMIT {filter.Next(1)}",
            q.Top));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var (count, withoutCost, perHour) = (0, 0, 0m);
        List<CostBucket> providers = [], teams = [], kinds = [], environments = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            var grouping = reader.GetInt32(0);
            var bucketCount = (int)reader.GetInt64(5);
            var bucketCost = reader.GetDecimal(6);
            switch (grouping)
            {
                case ByProvider:
                    providers.Add(new CostBucket(reader.GetString(1), bucketCount, bucketCost));
                    break;
                case ByTeam:
                    teams.Add(new CostBucket(NullableString(reader, 2), bucketCount, bucketCost));
                    break;
                case ByKind:
                    kinds.Add(new CostBucket(reader.GetString(3), bucketCount, bucketCost));
                    break;
                case ByEnvironment:
                    environments.Add(new CostBucket(NullableString(reader, 4), bucketCount, bucketCost));
                    break;
                default:
                    (count, perHour, withoutCost) = (bucketCount, bucketCost, (int)reader.GetInt64(7));
                    break;
            }
        }

        await reader.NextResultAsync(cancellationToken);
        var top = new List<ResourceSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            top.Add(ReadSummary(reader));
        }

        return new CostAggregate(count, withoutCost, perHour, providers, teams, kinds, environments, top);
    }

    private static void Equal(PostgresFilter filter, string column, string? value)
    {
        if (value is not null)
        {
            filter.Where($"{column} = {filter.Parameter(value)}");
        }
    }

    private static void Scope(PostgresFilter filter, System.Collections.Immutable.ImmutableArray<string>? teams)
    {
        if (teams is { } scope)
        {
            filter.Where($"(team IS NULL OR team = ANY({filter.Parameter(scope.ToArray())}))");
        }
    }

    private static string Wire(ResourceHealth health) => health.ToString().ToLowerInvariant();

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static ResourceSummary ReadSummary(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        NullableString(reader, 5),
        NullableString(reader, 6),
        Enum.Parse<ResourceHealth>(reader.GetString(7), ignoreCase: true),
        reader.GetDecimal(8),
        reader.GetFieldValue<DateTimeOffset>(9),
        reader.GetInt64(10));
}
