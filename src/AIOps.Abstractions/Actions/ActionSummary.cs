using System.Collections.Immutable;

namespace AIOps.Abstractions.Actions;

/// <summary>The listing fields of an agent action, as the action index keeps them.</summary>
/// <param name="Id">Action id.</param>
/// <param name="AgentId">The agent that proposed it.</param>
/// <param name="Type">What kind of action.</param>
/// <param name="Description">What it will do, for people.</param>
/// <param name="Status">Life-cycle state.</param>
/// <param name="RiskLevel">How much damage it could do.</param>
/// <param name="TargetResources">Ids of the resources it changes.</param>
/// <param name="Teams">Distinct teams owning its targets (from the resource catalog when the action last changed); empty when no target has a team.</param>
/// <param name="CreatedAt">When it was proposed.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">Number of journal events applied; an older version never replaces a newer one.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.action-summary")]
public sealed record ActionSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string AgentId,
    [property: Id(2)] string Type,
    [property: Id(3)] string Description,
    [property: Id(4)] ActionStatus Status,
    [property: Id(5)] RiskLevel RiskLevel,
    [property: Id(6)] ImmutableArray<string> TargetResources,
    [property: Id(7)] ImmutableArray<string> Teams,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] int Version);
