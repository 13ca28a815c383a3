using AIOps.Abstractions.Live;

namespace AIOps.Silo.Hubs;

/// <summary>
/// Server-side groups for team-scoped clients: <c>incidents</c> is split into <c>incidents@&lt;team&gt;</c> and
/// <c>incidents@-</c> (no team). Clients cannot name these groups (<see cref="LiveGroups.IsValid"/> refuses them);
/// the hub puts a team-scoped client in its teams' groups and the unowned one instead of the whole group.
/// </summary>
internal static class TeamGroups
{
    /// <summary>Groups that team-scoped clients get by team.</summary>
    public static readonly IReadOnlySet<string> Split = new HashSet<string>(StringComparer.Ordinal) { LiveGroups.Incidents, LiveGroups.Resources };

    /// <summary>The part of <paramref name="group"/> for entities of <paramref name="team"/> (null: no team).</summary>
    public static string For(string group, string? team) => $"{group}@{team ?? "-"}";
}
