using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Grains.Catalog;

namespace AIOps.Grains.Actions;

/// <summary>Checks and normalises action queries, so both indexes answer the same question the same way.</summary>
public static class ActionQueries
{
    /// <summary>Largest page a query may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>The query with trimmed filters and a normalised scope; <see cref="ValidationException"/> naming each bad field.</summary>
    public static ActionQuery Normalize(ActionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>();
        ResourceQueries.CheckPage(errors, query.Offset, query.Limit, MaxLimit);

        if (query.Status is { } status && !Enum.IsDefined(status))
        {
            errors["status"] = ["is not a known action status"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return query with
        {
            AgentId = ResourceQueries.Trim(query.AgentId),
            ResourceId = ResourceQueries.Trim(query.ResourceId),
            Teams = TeamNames.NormalizeScope(query.Teams),
        };
    }

    /// <summary>
    /// Whether <paramref name="action"/> passes a normalised query. Under a team scope an action is shown only when
    /// every team it touches is in the scope: an action on two teams' resources is not one team's to see alone.
    /// </summary>
    public static bool Matches(ActionQuery query, ActionSummary action)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(action);
        return (query.Status is null || action.Status == query.Status)
            && (query.AgentId is null || action.AgentId == query.AgentId)
            && (query.ResourceId is null || action.TargetResources.Contains(query.ResourceId))
            && action.Teams.All(team => TeamNames.InScope(query.Teams, team));
    }

    /// <summary>The order of the listing: newest proposed first, then by id.</summary>
    public static IOrderedEnumerable<ActionSummary> Order(IEnumerable<ActionSummary> actions) =>
        actions.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal);
}
