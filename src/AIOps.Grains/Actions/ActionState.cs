using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Orchestration;

namespace AIOps.Grains.Actions;

/// <summary>The replayed view of an action's journal.</summary>
[GenerateSerializer, Alias("aiops.action-state")]
public sealed class ActionState
{
    [Id(0)] public ActionProposed? Proposal { get; set; }

    [Id(1)] public ActionStatus Status { get; set; }

    [Id(2)] public DateTimeOffset? ExecutedAt { get; set; }

    [Id(3)] public string? Result { get; set; }

    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }

    [Id(5)] public PolicyDecision? Decision { get; set; }

    /// <summary>Finished steps and compensations of the current execution, in the order they finished.</summary>
    [Id(6)] public List<ActionStepRecorded> Steps { get; set; } = [];

    /// <summary>Applies one journal event.</summary>
    public void Apply(ActionEvent e)
    {
        switch (e)
        {
            case ActionProposed p:
                Proposal = p;
                Status = ActionStatus.Pending;
                break;
            case ActionStatusChanged s:
                Status = s.To;
                if (s.To == ActionStatus.Executing)
                {
                    ExecutedAt = s.At;
                }

                if (s.To is ActionStatus.Completed or ActionStatus.Failed)
                {
                    Result = s.Note;
                }

                break;
            case ActionPolicyEvaluated p:
                Decision = p.Decision;
                break;
            case ActionStepRecorded step:
                Steps.Add(step);
                break;
            default:
                throw new InvalidOperationException($"Unknown action event {e.GetType().Name}.");
        }

        UpdatedAt = e.At;
    }
}
