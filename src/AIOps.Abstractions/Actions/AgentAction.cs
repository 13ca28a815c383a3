using System.Collections.Immutable;

namespace AIOps.Abstractions.Actions;

/// <summary>An action an agent proposed, as its journal replays to.</summary>
/// <param name="Id">Action id, also the grain key.</param>
/// <param name="AgentId">The agent that proposed it.</param>
/// <param name="Type">What kind of action, e.g. <c>scale</c>, <c>restart</c>, <c>terraform-apply</c>.</param>
/// <param name="Description">What it will do, for people.</param>
/// <param name="TargetResources">Ids of the resources it changes.</param>
/// <param name="RiskLevel">How much damage it could do.</param>
/// <param name="EstimatedImpact">Expected effect, for people (e.g. "-$120/month", "2 pods restarted").</param>
/// <param name="Status">Life-cycle state.</param>
/// <param name="CreatedAt">When it was proposed.</param>
/// <param name="ExecutedAt">When it started executing, if it did.</param>
/// <param name="Result">Outcome text once it completed or failed.</param>
/// <param name="IdempotencyKey">Key that makes a retried proposal the same action.</param>
/// <param name="Version">Number of journal events applied.</param>
/// <param name="UpdatedAt">When the last event was recorded.</param>
[GenerateSerializer, Immutable, Alias("aiops.agent-action")]
public sealed record AgentAction(
    [property: Id(0)] string Id,
    [property: Id(1)] string AgentId,
    [property: Id(2)] string Type,
    [property: Id(3)] string Description,
    [property: Id(4)] ImmutableArray<string> TargetResources,
    [property: Id(5)] RiskLevel RiskLevel,
    [property: Id(6)] string EstimatedImpact,
    [property: Id(7)] ActionStatus Status,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? ExecutedAt,
    [property: Id(10)] string? Result,
    [property: Id(11)] string IdempotencyKey,
    [property: Id(12)] int Version,
    [property: Id(13)] DateTimeOffset UpdatedAt)
{
    /// <summary>Why the agent proposed it.</summary>
    [Id(14)]
    public ImmutableArray<string> Rationale { get; init; } = [];

    /// <summary>What the executor needs beyond the targets, e.g. <c>replicas</c> for scale.</summary>
    [Id(15)]
    public ImmutableDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;
}
