using AIOps.Abstractions.Live;
using Microsoft.AspNetCore.SignalR;

namespace AIOps.Silo.Hubs;

/// <summary>
/// This silo's end of the live feed: it subscribes to <see cref="ILiveFeedGrain"/> (renewing every 30 s, so a lost
/// registration heals) and pushes each update to the hub clients connected here. A grain's change therefore
/// reaches clients on every silo, not only on the silo that hosts the grain.
/// </summary>
internal sealed partial class LiveFeedRelay(IGrainFactory grains, IHubContext<LiveHub, ILiveClient> hub, ILogger<LiveFeedRelay> logger)
    : BackgroundService, ILiveFeedObserver
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(30);

    public async Task OnUpdatesAsync(IReadOnlyList<LiveUpdate> updates)
    {
        foreach (var update in updates)
        {
            switch (update)
            {
                case { Kind: LiveKinds.Incident, Incident: { } incident }:
                    await hub.Clients.Groups(LiveGroups.Incidents, LiveGroups.Incident(update.EntityId)).IncidentChanged(incident);
                    break;
                case { Kind: LiveKinds.Agent, Agent: { } agent }:
                    await hub.Clients.Group(LiveGroups.Agents).AgentStatusChanged(agent);
                    break;
                case { Kind: LiveKinds.Action, Action: { } action }:
                    await hub.Clients.Groups(LiveGroups.Actions, LiveGroups.Action(update.EntityId)).ActionChanged(action);
                    break;
                case { Kind: LiveKinds.Approval, Approval: { } approval }:
                    await hub.Clients.Group(LiveGroups.Approvals).ApprovalChanged(approval);
                    break;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
        var reference = grains.CreateObjectReference<ILiveFeedObserver>(this);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await feed.SubscribeAsync(reference);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSubscribeFailed(logger, e);
                }

                await Task.Delay(Renewal, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        finally
        {
            grains.DeleteObjectReference<ILiveFeedObserver>(reference);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the live feed; retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
