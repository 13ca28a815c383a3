namespace AIOps.Abstractions.Resources;

/// <summary>Who holds the right to change a resource, until when.</summary>
/// <param name="ActionId">Holding action.</param>
/// <param name="AgentId">Agent of the holding action.</param>
/// <param name="Priority">Priority it was granted with.</param>
/// <param name="GrantedAt">When it was granted.</param>
/// <param name="ExpiresAt">When it runs out unless renewed.</param>
/// <param name="Executing">True once the holder started changing the resource; an executing lease cannot be preempted.</param>
[GenerateSerializer, Immutable, Alias("aiops.resource-lease")]
public sealed record ResourceLease(
    [property: Id(0)] string ActionId,
    [property: Id(1)] string AgentId,
    [property: Id(2)] int Priority,
    [property: Id(3)] DateTimeOffset GrantedAt,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] bool Executing);
