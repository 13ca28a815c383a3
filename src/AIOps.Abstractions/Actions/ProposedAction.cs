using System.Collections.Immutable;

namespace AIOps.Abstractions.Actions;

/// <summary>What an agent submits to propose an action.</summary>
/// <param name="AgentId">The proposing agent.</param>
/// <param name="Type">What kind of action.</param>
/// <param name="Description">What it will do.</param>
/// <param name="TargetResources">Ids of the resources it changes; at least one.</param>
/// <param name="RiskLevel">How much damage it could do.</param>
/// <param name="EstimatedImpact">Expected effect, for people.</param>
/// <param name="IdempotencyKey">Same key, same action: a second proposal with it is answered with the first.</param>
[GenerateSerializer, Immutable, Alias("aiops.proposed-action")]
public sealed record ProposedAction(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Type,
    [property: Id(2)] string Description,
    [property: Id(3)] ImmutableArray<string> TargetResources,
    [property: Id(4)] RiskLevel RiskLevel,
    [property: Id(5)] string EstimatedImpact,
    [property: Id(6)] string IdempotencyKey)
{
    /// <summary>Why the agent proposes it, one line per reason — including when a model was unavailable and a rule decided.</summary>
    [Id(7)]
    public ImmutableArray<string> Rationale { get; init; } = [];

    /// <summary>What the executor needs beyond the targets, e.g. <c>replicas</c> for scale or <c>size</c> for resize.</summary>
    [Id(8)]
    public ImmutableDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;
}
