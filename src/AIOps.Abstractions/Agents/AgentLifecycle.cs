namespace AIOps.Abstractions.Agents;

/// <summary>Where an agent is in its life cycle.</summary>
public enum AgentLifecycle
{
    /// <summary>Configured but not running.</summary>
    Stopped = 0,

    /// <summary>Running and reacting to events.</summary>
    Running = 1,

    /// <summary>Running, but failing its health checks.</summary>
    Degraded = 2,
}
