using AIOps.Abstractions.Agents;

namespace AIOps.Grains.Agents;

/// <summary>Stored state of an agent grain.</summary>
[GenerateSerializer, Alias("aiops.agent-state")]
public sealed class AgentState
{
    [Id(0)] public AgentConfig? Config { get; set; }

    [Id(1)] public AgentLifecycle Lifecycle { get; set; }

    [Id(2)] public long EventsProcessed { get; set; }

    [Id(3)] public DateTimeOffset? LastEventAt { get; set; }

    [Id(4)] public DateTimeOffset? StartedAt { get; set; }

    [Id(5)] public RecentEventIds RecentEvents { get; set; } = new();

    [Id(6)] public long EventsIgnored { get; set; }

    /// <summary>Every configuration version, oldest first; configuration changes are rare, so it is kept whole.</summary>
    [Id(7)] public List<AgentConfigVersion> ConfigHistory { get; set; } = [];

    [Id(8)] public AgentHealth Health { get; set; } = AgentHealth.Unchecked;
}
