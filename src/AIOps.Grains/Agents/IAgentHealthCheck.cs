using AIOps.Abstractions.Agents;

namespace AIOps.Grains.Agents;

/// <summary>One health check an agent runs periodically (an integration answering, a model loaded, ...). Registered in DI.</summary>
public interface IAgentHealthCheck
{
    /// <summary>Shown in failures, e.g. <c>prometheus</c>.</summary>
    string Name { get; }

    /// <summary>Whether the check concerns this agent (its type, its integrations).</summary>
    bool AppliesTo(AgentConfig agent);

    /// <summary>Null when healthy; otherwise what is wrong. Exceptions count as failures.</summary>
    Task<string?> CheckAsync(AgentConfig agent, CancellationToken cancellationToken);
}
