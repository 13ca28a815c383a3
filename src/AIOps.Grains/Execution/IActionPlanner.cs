using AIOps.Abstractions.Actions;

namespace AIOps.Grains.Execution;

/// <summary>Turns an agent action of one type into the steps that carry it out. Agents register one per action type they propose.</summary>
public interface IActionPlanner
{
    /// <summary>The action type it plans, e.g. <c>scale</c> or <c>restart</c>.</summary>
    string ActionType { get; }

    /// <summary>The plan for <paramref name="action"/>. Called again when a run is resumed, so it must give the same steps for the same action.</summary>
    ActionPlan Plan(AgentAction action);
}
