using System.Collections.Immutable;

namespace AIOps.Abstractions.Agents;

/// <summary>An agent's health as its periodic checks see it.</summary>
/// <param name="Healthy">True when the last check passed.</param>
/// <param name="LastCheckedAt">When the checks last ran, if ever.</param>
/// <param name="Failures">What failed in the last check, one line per check.</param>
/// <param name="ConsecutiveFailures">Failed checks in a row.</param>
/// <param name="Restarts">Automatic restarts since the agent was started by a person.</param>
/// <param name="NextRestartAt">When a degraded agent will be restarted (backoff grows with each restart).</param>
[GenerateSerializer, Immutable, Alias("aiops.agent-health")]
public sealed record AgentHealth(
    [property: Id(0)] bool Healthy,
    [property: Id(1)] DateTimeOffset? LastCheckedAt,
    [property: Id(2)] ImmutableArray<string> Failures,
    [property: Id(3)] int ConsecutiveFailures,
    [property: Id(4)] int Restarts,
    [property: Id(5)] DateTimeOffset? NextRestartAt)
{
    /// <summary>Before the first check.</summary>
    public static AgentHealth Unchecked { get; } = new(true, null, [], 0, 0, null);
}
