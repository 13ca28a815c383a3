using AIOps.Abstractions.Live;
using Microsoft.AspNetCore.SignalR;

namespace AIOps.Silo.Hubs;

/// <summary>The live feed: clients join groups (<see cref="LiveGroups"/>) and receive the changes of what they follow.</summary>
public sealed class LiveHub : Hub<ILiveClient>
{
    /// <summary>Joins a group, e.g. <c>incidents</c>, <c>incident:inc-42</c> or <c>resources</c>.</summary>
    public Task Subscribe(string group) =>
        LiveGroups.IsValid(group)
            ? Groups.AddToGroupAsync(Context.ConnectionId, group)
            : throw new HubException($"Unknown group '{group}': use incidents, agents, actions, approvals, resources, incident:<id>, action:<id> or resource:<id>.");

    /// <summary>Leaves a group.</summary>
    public Task Unsubscribe(string group) => Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
}
