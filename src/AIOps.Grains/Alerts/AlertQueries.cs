using AIOps.Abstractions;
using AIOps.Grains.Catalog;

namespace AIOps.Grains.Alerts;

/// <summary>Checks an <see cref="AlertQuery"/> the same way for both stores.</summary>
public static class AlertQueries
{
    /// <summary>Largest page.</summary>
    public const int MaxLimit = 500;

    /// <summary>The query with blank filters dropped; <see cref="ValidationException"/> naming the field when it is wrong.</summary>
    public static AlertQuery Normalize(AlertQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ResourceQueries.CheckPage(errors, query.Offset, query.Limit, MaxLimit);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return query with
        {
            Source = string.IsNullOrWhiteSpace(query.Source) ? null : query.Source,
            ResourceId = string.IsNullOrWhiteSpace(query.ResourceId) ? null : query.ResourceId,
        };
    }

    /// <summary>Whether <paramref name="alert"/> passes the normalized <paramref name="query"/>'s filters.</summary>
    public static bool Matches(AlertQuery query, StoredAlert alert)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(alert);
        return (query.Source is null || query.Source == alert.Source)
            && (query.Status is null || query.Status == alert.Status)
            && (query.ResourceId is null || query.ResourceId == alert.ResourceId);
    }
}
