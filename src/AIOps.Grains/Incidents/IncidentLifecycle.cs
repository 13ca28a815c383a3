using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;

namespace AIOps.Grains.Incidents;

/// <summary>The allowed incident status changes; anything else is refused before an event is raised.</summary>
public static class IncidentLifecycle
{
    /// <summary>Whether <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool Allows(IncidentStatus from, IncidentStatus to) => (from, to) switch
    {
        (IncidentStatus.Open, IncidentStatus.Investigating) => true,
        (IncidentStatus.Open, IncidentStatus.Resolved) => true,
        (IncidentStatus.Open, IncidentStatus.Closed) => true,
        (IncidentStatus.Investigating, IncidentStatus.Resolved) => true,
        (IncidentStatus.Investigating, IncidentStatus.Closed) => true,
        (IncidentStatus.Resolved, IncidentStatus.Open) => true,
        (IncidentStatus.Resolved, IncidentStatus.Closed) => true,
        _ => false,
    };

    /// <summary>Throws <see cref="InvalidTransitionException"/> unless the change is allowed.</summary>
    public static void Ensure(string id, IncidentStatus from, IncidentStatus to)
    {
        if (!Allows(from, to))
        {
            throw new InvalidTransitionException("incident", id, Wire(from), Wire(to));
        }
    }

    /// <summary>The status as the API spells it.</summary>
    public static string Wire(IncidentStatus status) => status.ToString().ToLowerInvariant();
}
