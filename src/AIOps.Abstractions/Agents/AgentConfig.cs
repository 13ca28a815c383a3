using System.Collections.Immutable;

namespace AIOps.Abstractions.Agents;

/// <summary>The configuration of one agent instance.</summary>
/// <param name="Id">Agent id, also the <see cref="IAgentGrain"/> key (e.g. <c>incident-response</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Type">Which kind of agent this is.</param>
/// <param name="Enabled">Whether the agent reacts to events at all.</param>
/// <param name="AutomationLevel">How far it may act on its own.</param>
/// <param name="Thresholds">Named numeric thresholds the agent's models use (e.g. <c>cpu.high</c> = 0.85).</param>
/// <param name="ApprovalRequired">Whether every action needs a person's approval whatever its risk.</param>
/// <param name="Integrations">Names of the integrations the agent uses (e.g. <c>prometheus</c>, <c>aws</c>).</param>
/// <param name="CreatedAt">When the configuration was first written.</param>
/// <param name="UpdatedAt">When it last changed.</param>
[GenerateSerializer, Immutable, Alias("aiops.agent-config")]
public sealed record AgentConfig(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] AgentType Type,
    [property: Id(3)] bool Enabled,
    [property: Id(4)] AutomationLevel AutomationLevel,
    [property: Id(5)] ImmutableDictionary<string, double> Thresholds,
    [property: Id(6)] bool ApprovalRequired,
    [property: Id(7)] ImmutableArray<string> Integrations,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt);
