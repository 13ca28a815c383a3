using AIOps.Abstractions;
using AIOps.Abstractions.Live;
using AIOps.Grains.Catalog;
using AIOps.Silo.Identity;
using Microsoft.AspNetCore.SignalR;

namespace AIOps.Silo.Hubs;

/// <summary>
/// The live feed: clients join groups (<see cref="LiveGroups"/>) and receive the changes of what they follow. The hub
/// needs a viewer's token. A client limited to teams gets, for <c>incidents</c> and <c>resources</c>, only its teams'
/// and unowned entities; it follows actions and approvals one by one (<c>action:&lt;id&gt;</c>), and a single entity only
/// within its scope.
/// </summary>
public sealed class LiveHub(IGrainFactory grains, IResourceCatalog catalog) : Hub<ILiveClient>
{
    /// <summary>Joins a group, e.g. <c>incidents</c>, <c>incident:inc-42</c> or <c>resources</c>.</summary>
    public async Task Subscribe(string group)
    {
        if (!LiveGroups.IsValid(group))
        {
            throw new HubException($"Unknown group '{group}': use incidents, agents, actions, approvals, resources, incident:<id>, action:<id> or resource:<id>.");
        }

        var user = Context.User!;
        if (user.Teams() is not { } teams)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
            return;
        }

        if (TeamGroups.Split.Contains(group))
        {
            foreach (var part in teams.Select(t => TeamGroups.For(group, t)).Append(TeamGroups.For(group, null)))
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, part);
            }

            return;
        }

        if (group is LiveGroups.Actions or LiveGroups.Approvals)
        {
            throw new HubException($"'{group}' spans every team; a team-scoped client follows actions one by one (action:<id>).");
        }

        await EnsureInScopeAsync(user, group);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
    }

    /// <summary>Leaves a group.</summary>
    public async Task Unsubscribe(string group)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        if (TeamGroups.Split.Contains(group) && Context.User?.Teams() is { } teams)
        {
            foreach (var part in teams.Select(t => TeamGroups.For(group, t)).Append(TeamGroups.For(group, null)))
            {
                await Groups.RemoveFromGroupAsync(Context.ConnectionId, part);
            }
        }
    }

    private async Task EnsureInScopeAsync(System.Security.Claims.ClaimsPrincipal user, string group)
    {
        try
        {
            if (group.StartsWith(LiveGroups.Incident(""), StringComparison.Ordinal))
            {
                await user.EnsureIncidentAsync(grains, group[LiveGroups.Incident("").Length..]);
            }
            else if (group.StartsWith(LiveGroups.Action(""), StringComparison.Ordinal))
            {
                await user.EnsureActionAsync(grains, catalog, group[LiveGroups.Action("").Length..]);
            }
            else if (group.StartsWith(LiveGroups.Resource(""), StringComparison.Ordinal))
            {
                await user.EnsureResourceAsync(catalog, group[LiveGroups.Resource("").Length..]);
            }
        }
        catch (NotFoundException)
        {
            throw new HubException($"'{group}' is not within your teams, or does not exist.");
        }
    }
}
