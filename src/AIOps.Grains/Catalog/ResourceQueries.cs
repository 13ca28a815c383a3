using AIOps.Abstractions;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Orchestration;

namespace AIOps.Grains.Catalog;

/// <summary>Checks and normalises catalog queries, so both catalogs answer the same question the same way.</summary>
public static class ResourceQueries
{
    /// <summary>Largest page a query may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>Longest search text accepted.</summary>
    public const int MaxTextLength = 200;

    /// <summary>
    /// The query with trimmed filters (blank ones dropped), the team and environment in their stored spelling and the
    /// scope normalised; <see cref="ValidationException"/> naming each bad field.
    /// </summary>
    public static ResourceQuery Normalize(ResourceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>();
        CheckPage(errors, query.Offset, query.Limit, MaxLimit);

        if (query.Health is { } health && !Enum.IsDefined(health))
        {
            errors["health"] = ["must be unknown, healthy, degraded or unhealthy"];
        }

        var text = Trim(query.Text);
        if (text is { Length: > MaxTextLength })
        {
            errors["q"] = [$"must be at most {MaxTextLength} characters"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return query with
        {
            Provider = Trim(query.Provider),
            Kind = Trim(query.Kind),
            Team = TeamNames.Normalize(query.Team),
            Environment = Trim(query.Environment) is { } environment ? EnvironmentNames.Normalize(environment) : null,
            Text = text,
            Teams = TeamNames.NormalizeScope(query.Teams),
        };
    }

    /// <summary>Whether <paramref name="resource"/> passes the filters of a normalised query.</summary>
    public static bool Matches(ResourceQuery query, ResourceSummary resource)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(resource);
        return (query.Provider is null || resource.Provider == query.Provider)
            && (query.Kind is null || resource.Kind == query.Kind)
            && (query.Team is null || resource.Team == query.Team)
            && (query.Environment is null || resource.Environment == query.Environment)
            && (query.Health is null || resource.Health == query.Health)
            && (query.Text is null
                || resource.Name.Contains(query.Text, StringComparison.OrdinalIgnoreCase)
                || resource.Id.Contains(query.Text, StringComparison.OrdinalIgnoreCase))
            && TeamNames.InScope(query.Teams, resource.Team);
    }

    /// <summary>Null for blank, otherwise trimmed.</summary>
    public static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Records a bad <c>offset</c> (below 0) or <c>limit</c> (outside 1 to <paramref name="maxLimit"/>) in <paramref name="errors"/>.</summary>
    public static void CheckPage(Dictionary<string, string[]> errors, int offset, int limit, int maxLimit)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (offset < 0)
        {
            errors["offset"] = ["must be 0 or more"];
        }

        if (limit < 1 || limit > maxLimit)
        {
            errors["limit"] = [$"must be between 1 and {maxLimit}"];
        }
    }
}
