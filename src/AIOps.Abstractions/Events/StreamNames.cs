namespace AIOps.Abstractions.Events;

/// <summary>Names of the stream provider and stream namespaces; the stream key is the id of the entity that consumes it.</summary>
public static class StreamNames
{
    /// <summary>The stream provider every part of the platform uses (memory in embedded mode, ADO.NET in durable mode).</summary>
    public const string Provider = "aiops";

    /// <summary>Events about one managed resource, keyed by resource id; consumed by that <see cref="Resources.IResourceGrain"/>.</summary>
    public const string ResourceEvents = "aiops.resource-events";

    /// <summary>Events routed to one agent, keyed by agent id; consumed by that <see cref="Agents.IAgentGrain"/>.</summary>
    public const string AgentEvents = "aiops.agent-events";
}
