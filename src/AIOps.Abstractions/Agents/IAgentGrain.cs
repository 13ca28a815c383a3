namespace AIOps.Abstractions.Agents;

/// <summary>One agent instance: its configuration, life cycle and counters. Keyed by agent id.</summary>
[Alias("aiops.agent")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the configuration (a new version in its history); the id must match the grain key. A running agent uses it from its next event on, without a restart.</summary>
    [Alias("configure")] Task<AgentConfig> ConfigureAsync(AgentConfig config, string changedBy);

    /// <summary>Every version of the configuration, oldest first.</summary>
    [Alias("config-history")] Task<IReadOnlyList<AgentConfigVersion>> GetConfigHistoryAsync();

    /// <summary>Configures the agent with <paramref name="defaults"/> only if it has no configuration yet; returns its status either way.</summary>
    [Alias("ensure")] Task<AgentStatus> EnsureConfiguredAsync(AgentConfig defaults, bool start);

    /// <summary>The configuration, or <see cref="NotFoundException"/> if the agent was never configured.</summary>
    [Alias("config")] Task<AgentConfig> GetConfigAsync();

    /// <summary>The current status, or <see cref="NotFoundException"/> if the agent was never configured.</summary>
    [Alias("status")] Task<AgentStatus> GetStatusAsync();

    /// <summary>Starts the agent; starting a running agent changes nothing.</summary>
    [Alias("start")] Task<AgentStatus> StartAsync();

    /// <summary>Runs the health checks now (they also run periodically); restarts a degraded agent whose backoff has passed.</summary>
    [Alias("check-health")] Task<AgentStatus> CheckHealthAsync();

    /// <summary>Stops and starts the agent (clears its health state); a stopped agent just starts.</summary>
    [Alias("restart")] Task<AgentStatus> RestartAsync(string requestedBy);

    /// <summary>Stops the agent; it ignores events until started again.</summary>
    [Alias("stop")] Task<AgentStatus> StopAsync();
}
