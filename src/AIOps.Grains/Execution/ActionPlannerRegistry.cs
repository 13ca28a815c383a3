using System.Collections.Concurrent;
using AIOps.Abstractions.Actions;

namespace AIOps.Grains.Execution;

/// <summary>
/// Maps action types to their planners. Agents register theirs at start-up (or through DI as
/// <see cref="IActionPlanner"/> services); types compare case-insensitively because they arrive from HTTP clients.
/// </summary>
public sealed class ActionPlannerRegistry
{
    private readonly ConcurrentDictionary<string, IActionPlanner> _planners = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the registry holding <paramref name="planners"/>.</summary>
    public ActionPlannerRegistry(IEnumerable<IActionPlanner> planners)
    {
        ArgumentNullException.ThrowIfNull(planners);
        foreach (var planner in planners)
        {
            Register(planner);
        }
    }

    /// <summary>Creates an empty registry.</summary>
    public ActionPlannerRegistry()
        : this([])
    {
    }

    /// <summary>The registered action types.</summary>
    public IReadOnlyCollection<string> ActionTypes => [.. _planners.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Adds <paramref name="planner"/>; a second planner for the same type is refused, since two agents cannot both own it.</summary>
    public void Register(IActionPlanner planner)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentException.ThrowIfNullOrWhiteSpace(planner.ActionType);
        if (!_planners.TryAdd(planner.ActionType.Trim(), planner))
        {
            throw new ArgumentException($"a planner for action type '{planner.ActionType}' is registered already.", nameof(planner));
        }
    }

    /// <summary>Adds a planner for <paramref name="actionType"/> made from a factory.</summary>
    public void Register(string actionType, Func<AgentAction, ActionPlan> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Register(new DelegatePlanner(actionType, plan));
    }

    /// <summary>Whether a planner exists for the type, e.g. to refuse a proposal nobody could carry out.</summary>
    public bool IsRegistered(string actionType) => !string.IsNullOrWhiteSpace(actionType) && _planners.ContainsKey(actionType.Trim());

    /// <summary>The plan for <paramref name="action"/>, or <see cref="UnknownActionTypeException"/> when nobody plans its type.</summary>
    public ActionPlan Plan(AgentAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (string.IsNullOrWhiteSpace(action.Type) || !_planners.TryGetValue(action.Type.Trim(), out var planner))
        {
            throw new UnknownActionTypeException(action.Type ?? "", _planners.Keys);
        }

        return planner.Plan(action)
            ?? throw new InvalidOperationException($"the planner for action type '{planner.ActionType}' returned no plan for action '{action.Id}'.");
    }

    private sealed class DelegatePlanner(string actionType, Func<AgentAction, ActionPlan> plan) : IActionPlanner
    {
        public string ActionType { get; } = actionType;

        public ActionPlan Plan(AgentAction action) => plan(action);
    }
}
