namespace AIOps.Abstractions.Resources;

/// <summary>An action asking for the exclusive right to change a resource.</summary>
/// <param name="ActionId">The action that will change the resource; the lease holder.</param>
/// <param name="AgentId">The agent that proposed the action.</param>
/// <param name="Priority">Higher wins a conflict (see <see cref="Orchestration.PlatformPolicy.PriorityOrder"/>).</param>
/// <param name="Duration">How long the lease lasts without renewal; a holder that dies lets it run out.</param>
[GenerateSerializer, Immutable, Alias("aiops.lease-request")]
public sealed record LeaseRequest(
    [property: Id(0)] string ActionId,
    [property: Id(1)] string AgentId,
    [property: Id(2)] int Priority,
    [property: Id(3)] TimeSpan Duration);
