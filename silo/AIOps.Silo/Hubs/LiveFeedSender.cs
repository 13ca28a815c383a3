using AIOps.Abstractions.Live;
using Microsoft.AspNetCore.SignalR;

namespace AIOps.Silo.Hubs;

/// <summary>
/// Turns a batch of updates into hub sends without waiting for them. A group send writes to every member's pipe
/// before it returns; what it returns completes only when the slowest member has taken the message, so awaiting it
/// would let one client that stopped reading hold up every later update for everyone. Instead the sends of a batch
/// share one deadline (<see cref="SendTimeout"/>): a write still pending then is cancelled, and SignalR aborts that
/// connection (the SDK reconnects). Each message is serialized once per group send, not once per client.
/// </summary>
internal sealed partial class LiveFeedSender(IHubContext<LiveHub> hub, ILogger<LiveFeedSender> logger)
{
    /// <summary>How long a client may take to accept a message before its connection is given up.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    private long _timedOut;

    /// <summary>Batches whose sends had not all completed within <see cref="SendTimeout"/> (a client stalled).</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    public void Send(IReadOnlyList<LiveUpdate> batch)
    {
        var deadline = new CancellationTokenSource(SendTimeout);
        var pending = new List<Task>();
        List<ResourceChange>? resources = null;
        foreach (var update in batch)
        {
            switch (update)
            {
                case { Kind: LiveKinds.Incident, Incident: { } incident }:
                    Track(pending, hub.Clients.Groups(LiveGroups.Incidents, LiveGroups.Incident(update.EntityId), TeamGroups.For(LiveGroups.Incidents, incident.Team))
                        .SendAsync(nameof(ILiveClient.IncidentChanged), incident, deadline.Token));
                    break;
                case { Kind: LiveKinds.Agent, Agent: { } agent }:
                    Track(pending, hub.Clients.Group(LiveGroups.Agents).SendAsync(nameof(ILiveClient.AgentStatusChanged), agent, deadline.Token));
                    break;
                case { Kind: LiveKinds.Action, Action: { } action }:
                    Track(pending, hub.Clients.Groups(LiveGroups.Actions, LiveGroups.Action(update.EntityId))
                        .SendAsync(nameof(ILiveClient.ActionChanged), action, deadline.Token));
                    break;
                case { Kind: LiveKinds.Approval, Approval: { } approval }:
                    Track(pending, hub.Clients.Group(LiveGroups.Approvals).SendAsync(nameof(ILiveClient.ApprovalChanged), approval, deadline.Token));
                    break;
                case { Kind: LiveKinds.Resource, Resource: { } resource }:
                    (resources ??= []).Add(resource);
                    Track(pending, hub.Clients.Group(LiveGroups.Resource(update.EntityId))
                        .SendAsync(nameof(ILiveClient.ResourceChanged), new[] { resource }, deadline.Token));
                    break;
            }
        }

        if (resources is not null)
        {
            Track(pending, hub.Clients.Group(LiveGroups.Resources).SendAsync(nameof(ILiveClient.ResourceChanged), resources, deadline.Token));
            foreach (var team in resources.GroupBy(r => r.Team))
            {
                Track(pending, hub.Clients.Group(TeamGroups.For(LiveGroups.Resources, team.Key))
                    .SendAsync(nameof(ILiveClient.ResourceChanged), team.ToArray(), deadline.Token));
            }
        }

        if (pending.Count == 0)
        {
            deadline.Dispose();
            return;
        }

        _ = Task.WhenAll(pending).ContinueWith(
            (all, state) =>
            {
                var deadline = (CancellationTokenSource)state!;
                if (deadline.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _timedOut);
                }

                deadline.Dispose();
                if (all.Exception?.GetBaseException() is { } e and not OperationCanceledException)
                {
                    LogSendFailed(logger, e);
                }
            },
            deadline,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static void Track(List<Task> pending, Task send)
    {
        if (!send.IsCompletedSuccessfully)
        {
            pending.Add(send);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live-feed send failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);
}
