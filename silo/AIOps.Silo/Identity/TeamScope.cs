using System.Security.Claims;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Catalog;

namespace AIOps.Silo.Identity;

/// <summary>
/// Team scope on single entities: a caller limited to some teams sees and acts on their entities and on entities
/// without a team. Anything else answers 404, as if it did not exist, so ids of other teams' entities leak nothing.
/// Callers without a team claim (platform-wide roles) skip every lookup.
/// </summary>
internal static class TeamScope
{
    /// <summary>Throws <see cref="NotFoundException"/> unless the incident is in the caller's scope.</summary>
    public static async Task EnsureIncidentAsync(this ClaimsPrincipal user, IGrainFactory grains, string id)
    {
        if (user.Teams() is not null && !user.CanSee((await grains.GetGrain<IIncidentGrain>(id).GetAsync()).Team))
        {
            throw new NotFoundException("incident", id);
        }
    }

    /// <summary>Throws <see cref="NotFoundException"/> unless the resource is in the caller's scope (an unknown resource passes).</summary>
    public static async Task EnsureResourceAsync(this ClaimsPrincipal user, IResourceCatalog catalog, string id)
    {
        if (user.Teams() is not null && (await catalog.GetTeamsAsync([id])).TryGetValue(id, out var team) && !user.CanSee(team))
        {
            throw new NotFoundException("resource", id);
        }
    }

    /// <summary>Throws <see cref="NotFoundException"/> unless every target of the action is in the caller's scope.</summary>
    public static async Task EnsureActionAsync(this ClaimsPrincipal user, IGrainFactory grains, IResourceCatalog catalog, string id)
    {
        if (user.Teams() is null)
        {
            return;
        }

        var action = await grains.GetGrain<IAgentActionGrain>(id).GetAsync();
        await user.EnsureTargetsAsync(catalog, action.TargetResources, () => new NotFoundException("action", id));
    }

    /// <summary>Throws what <paramref name="refuse"/> makes unless every resource is in the caller's scope.</summary>
    public static async Task EnsureTargetsAsync(this ClaimsPrincipal user, IResourceCatalog catalog, IReadOnlyCollection<string> resources, Func<Exception> refuse)
    {
        if (user.Teams() is null || resources.Count == 0)
        {
            return;
        }

        var teams = await catalog.GetTeamsAsync(resources);
        if (teams.Values.Any(team => !user.CanSee(team)))
        {
            throw refuse();
        }
    }

    /// <summary>Whether every resource is in the caller's scope (a caller without teams sees all).</summary>
    public static async Task<bool> HasTargetsInScopeAsync(this ClaimsPrincipal user, IResourceCatalog catalog, IReadOnlyCollection<string> resources)
    {
        if (user.Teams() is null || resources.Count == 0)
        {
            return true;
        }

        var teams = await catalog.GetTeamsAsync(resources);
        return teams.Values.All(user.CanSee);
    }

    /// <summary>The team a new entity gets: the one asked for if the caller may use it, else the caller's only team.</summary>
    public static string? TeamForNew(this ClaimsPrincipal user, string? requested)
    {
        var scope = user.Teams();
        var team = TeamNames.Normalize(requested);
        if (scope is null)
        {
            return team;
        }

        if (team is null)
        {
            return scope.Value.Length == 1
                ? scope.Value[0]
                : throw new ValidationException("team", $"is required: you belong to several teams ({string.Join(", ", scope.Value)})");
        }

        return scope.Value.Contains(team) ? team : throw new ForbiddenException($"You may not act for team '{team}'; your teams: {string.Join(", ", scope.Value)}.");
    }
}
