using AIOps.Abstractions;
using AIOps.Abstractions.Actions;

namespace AIOps.Grains.Actions;

/// <summary>The allowed action status changes: pending → approved → executing → completed | failed, plus the ways out.</summary>
public static class ActionLifecycle
{
    /// <summary>Whether <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool Allows(ActionStatus from, ActionStatus to) => (from, to) switch
    {
        (ActionStatus.Pending, ActionStatus.Approved or ActionStatus.Rejected or ActionStatus.Expired or ActionStatus.Cancelled) => true,
        (ActionStatus.Approved, ActionStatus.Executing or ActionStatus.Cancelled) => true,
        (ActionStatus.Executing, ActionStatus.Completed or ActionStatus.Failed) => true,
        _ => false,
    };

    /// <summary>Throws <see cref="InvalidTransitionException"/> unless the change is allowed.</summary>
    public static void Ensure(string id, ActionStatus from, ActionStatus to)
    {
        if (!Allows(from, to))
        {
            throw new InvalidTransitionException("action", id, from.ToString().ToLowerInvariant(), to.ToString().ToLowerInvariant());
        }
    }
}
