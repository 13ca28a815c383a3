using System.Collections.Immutable;
using System.Security.Claims;
using AIOps.Abstractions;
using AIOps.Grains.Catalog;

namespace AIOps.Silo.Identity;

/// <summary>Reads who is calling from the validated token: actor name, roles and team scope.</summary>
public static class Caller
{
    /// <summary>Claim with one AIOps role per value.</summary>
    public const string RoleClaim = "role";

    /// <summary>Claim with one team per value.</summary>
    public const string TeamClaim = "team";

    /// <summary>The platform's roles, least privileged first; each includes what the ones before it may do.</summary>
    public static readonly ImmutableArray<string> RoleOrder = [Roles.Viewer, Roles.Operator, Roles.Approver, Roles.Admin];

    /// <summary>The name recorded as actor in the audit trail and checked by four-eyes rules.</summary>
    public static string Actor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst("preferred_username")?.Value
            ?? user.FindFirst("name")?.Value
            ?? user.FindFirst("sub")?.Value
            ?? user.Identity?.Name
            ?? "anonymous";
    }

    /// <summary>The caller's AIOps roles as the token states them.</summary>
    public static ImmutableArray<string> AIOpsRoles(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.Claims
            .Where(c => c.Type is RoleClaim or ClaimTypes.Role)
            .Select(c => c.Value)
            .Where(RoleOrder.Contains)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Rank of the caller's strongest role: 0 none, 1 viewer ... 4 admin.</summary>
    public static int AccessRank(this ClaimsPrincipal user) =>
        user.AIOpsRoles().Select(r => RoleOrder.IndexOf(r) + 1).DefaultIfEmpty(0).Max();

    /// <summary>True when the caller holds <paramref name="role"/> or a stronger one.</summary>
    public static bool HasAtLeast(this ClaimsPrincipal user, string role) => user.AccessRank() >= RoleOrder.IndexOf(role) + 1;

    /// <summary>
    /// The roles an approval check sees: every role the caller's strongest role includes (an admin is also an approver).
    /// </summary>
    public static ImmutableArray<string> EffectiveRoles(this ClaimsPrincipal user) => [.. RoleOrder.Take(user.AccessRank())];

    /// <summary>The teams the caller is limited to, or null when the caller sees every team.</summary>
    public static ImmutableArray<string>? Teams(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var teams = user.FindAll(TeamClaim).Select(c => TeamNames.Normalize(c.Value)).OfType<string>().Distinct(StringComparer.Ordinal).ToImmutableArray();
        return teams.IsEmpty ? null : teams;
    }

    /// <summary>True when an entity owned by <paramref name="team"/> (null: no owner) is within the caller's scope.</summary>
    public static bool CanSee(this ClaimsPrincipal user, string? team) => TeamNames.InScope(user.Teams(), TeamNames.Normalize(team));
}
