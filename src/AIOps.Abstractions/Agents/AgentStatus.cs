namespace AIOps.Abstractions.Agents;

/// <summary>What <c>GET /api/agents/status</c> reports for one agent.</summary>
/// <param name="Id">Agent id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Type">Kind of agent.</param>
/// <param name="Enabled">Whether it is enabled in its configuration.</param>
/// <param name="Lifecycle">Stopped, running or degraded.</param>
/// <param name="AutomationLevel">Its automation level.</param>
/// <param name="EventsProcessed">Distinct events it has handled since it was created.</param>
/// <param name="LastEventAt">When it last handled an event, if ever.</param>
/// <param name="StartedAt">When it last started, if running.</param>
/// <param name="UpdatedAt">When its configuration last changed.</param>
/// <param name="EventsIgnored">Events that arrived while it was stopped and were dropped.</param>
/// <param name="Health">Result of its periodic health checks.</param>
[GenerateSerializer, Immutable, Alias("aiops.agent-status")]
public sealed record AgentStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] AgentType Type,
    [property: Id(3)] bool Enabled,
    [property: Id(4)] AgentLifecycle Lifecycle,
    [property: Id(5)] AutomationLevel AutomationLevel,
    [property: Id(6)] long EventsProcessed,
    [property: Id(7)] DateTimeOffset? LastEventAt,
    [property: Id(8)] DateTimeOffset? StartedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] long EventsIgnored = 0,
    [property: Id(11)] AgentHealth? Health = null);
