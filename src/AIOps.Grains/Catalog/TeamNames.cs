using System.Collections.Immutable;

namespace AIOps.Grains.Catalog;

/// <summary>
/// Team names and team scopes. Teams are identifiers compared without case, so they are stored trimmed and
/// lower-cased (<c>Shop</c> and <c>shop</c> are one team).
/// </summary>
public static class TeamNames
{
    /// <summary>The tag that names a resource's owning team.</summary>
    public const string TagKey = "team";

    /// <summary>Longest team name accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>The stored spelling of a team, or null for none.</summary>
    public static string? Normalize(string? team) => string.IsNullOrWhiteSpace(team) ? null : team.Trim().ToLowerInvariant();

    /// <summary>The team from the tags, or null if none is tagged.</summary>
    public static string? FromTags(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.TryGetValue(TagKey, out var team) ? Normalize(team) : null;
    }

    /// <summary>A scope in the stored spelling; null stays null (no scope), a default array counts as empty (nothing but team-less entities).</summary>
    public static ImmutableArray<string>? NormalizeScope(ImmutableArray<string>? scope) =>
        scope is not { } teams ? null
        : teams.IsDefault ? []
        : [.. teams.Select(Normalize).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>Whether an entity of <paramref name="team"/> is visible in <paramref name="scope"/> (normalised): no scope, no team, or a team in the scope.</summary>
    public static bool InScope(ImmutableArray<string>? scope, string? team) => scope is not { } teams || team is null || teams.Contains(team);
}
