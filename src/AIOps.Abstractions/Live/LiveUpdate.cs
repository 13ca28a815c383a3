using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Incidents;

namespace AIOps.Abstractions.Live;

/// <summary>A state change pushed to live-feed clients; exactly one of the entity fields is set, as <see cref="Kind"/> says.</summary>
/// <param name="Kind">One of <see cref="LiveKinds"/>.</param>
/// <param name="EntityId">Id of the entity that changed.</param>
/// <param name="At">When it changed.</param>
/// <param name="Incident">The incident, for <see cref="LiveKinds.Incident"/>.</param>
/// <param name="Agent">The agent's status, for <see cref="LiveKinds.Agent"/>.</param>
/// <param name="Action">The action, for <see cref="LiveKinds.Action"/>.</param>
/// <param name="Approval">The approval request, for <see cref="LiveKinds.Approval"/>.</param>
/// <param name="Resource">The resource's health, cost and identity, for <see cref="LiveKinds.Resource"/>.</param>
[GenerateSerializer, Immutable, Alias("aiops.live-update")]
public sealed record LiveUpdate(
    [property: Id(0)] string Kind,
    [property: Id(1)] string EntityId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] Incident? Incident = null,
    [property: Id(4)] AgentStatus? Agent = null,
    [property: Id(5)] AgentAction? Action = null,
    [property: Id(6)] Approval? Approval = null,
    [property: Id(7)] ResourceChange? Resource = null);
