using AIOps.Abstractions;
using AIOps.Abstractions.Costs;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Catalog;
using AIOps.Grains.Orchestration;

namespace AIOps.Grains.Costs;

/// <summary>Checks and normalises cost report queries, so both catalogs cover the same resources.</summary>
public static class CostReportQueries
{
    /// <summary>Most resources a report lists by cost.</summary>
    public const int MaxTop = 100;

    /// <summary>The query with trimmed filters and stored spellings; <see cref="ValidationException"/> for a bad <c>top</c>.</summary>
    public static CostReportQuery Normalize(CostReportQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Top is < 1 or > MaxTop)
        {
            throw new ValidationException("top", $"must be between 1 and {MaxTop}");
        }

        return query with
        {
            Provider = ResourceQueries.Trim(query.Provider),
            Team = TeamNames.Normalize(query.Team),
            Environment = ResourceQueries.Trim(query.Environment) is { } environment ? EnvironmentNames.Normalize(environment) : null,
            Teams = TeamNames.NormalizeScope(query.Teams),
        };
    }

    /// <summary>Whether a normalised query covers <paramref name="resource"/>.</summary>
    public static bool Covers(CostReportQuery query, ResourceSummary resource)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(resource);
        return (query.Provider is null || resource.Provider == query.Provider)
            && (query.Team is null || resource.Team == query.Team)
            && (query.Environment is null || resource.Environment == query.Environment)
            && TeamNames.InScope(query.Teams, resource.Team);
    }
}
