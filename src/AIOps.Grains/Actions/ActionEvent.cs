using System.Collections.Immutable;
using System.Text.Json.Serialization;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Orchestration;
using AIOps.Grains.Journal;

namespace AIOps.Grains.Actions;

/// <summary>An agent-action journal event. Discriminators are stored in the journal: never rename one.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ActionProposed), "proposed")]
[JsonDerivedType(typeof(ActionStatusChanged), "status-changed")]
[JsonDerivedType(typeof(ActionPolicyEvaluated), "policy-evaluated")]
[JsonDerivedType(typeof(ActionStepRecorded), "step")]
[GenerateSerializer, Alias("aiops.action-event")]
public abstract record ActionEvent([property: Id(0)] string Actor, [property: Id(1)] DateTimeOffset At) : IJournalEvent;

/// <summary>An agent proposed the action.</summary>
[GenerateSerializer, Alias("aiops.action-event.proposed")]
public sealed record ActionProposed(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Type,
    [property: Id(2)] string Description,
    [property: Id(3)] ImmutableArray<string> TargetResources,
    [property: Id(4)] RiskLevel RiskLevel,
    [property: Id(5)] string EstimatedImpact,
    [property: Id(6)] string IdempotencyKey) : ActionEvent(Actor, At)
{
    [Id(7)]
    public ImmutableArray<string> Rationale { get; init; } = [];

    /// <summary>The proposal's parameters; empty in events journaled before parameters existed.</summary>
    [Id(8)]
    public ImmutableDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>The action moved to another status; <see cref="Note"/> is the approver's comment, the reason, the result or the error.</summary>
[GenerateSerializer, Alias("aiops.action-event.status")]
public sealed record ActionStatusChanged(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] ActionStatus From,
    [property: Id(1)] ActionStatus To,
    [property: Id(2)] string? Note) : ActionEvent(Actor, At);

/// <summary>Policy judged the action; recorded once, before any approval or execution.</summary>
[GenerateSerializer, Alias("aiops.action-event.policy")]
public sealed record ActionPolicyEvaluated(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] PolicyDecision Decision) : ActionEvent(Actor, At);

/// <summary>One step (or compensation) of the action's plan finished; the journal of these is what a resumed run continues from.</summary>
[GenerateSerializer, Alias("aiops.action-event.step")]
public sealed record ActionStepRecorded(
    string Actor,
    DateTimeOffset At,
    [property: Id(0)] int Index,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Integration,
    [property: Id(3)] bool Compensation,
    [property: Id(4)] bool Succeeded,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] int Attempts,
    [property: Id(7)] string? Result,
    [property: Id(8)] string? Error,
    [property: Id(9)] ImmutableDictionary<string, string> Outputs,
    [property: Id(10)] int PlannedSteps) : ActionEvent(Actor, At);
