using System.Collections.Immutable;
using AIOps.Incidents.Evidence;

namespace AIOps.Incidents.Correlation;

/// <summary>What the correlator decided; the host applies these to incidents in order.</summary>
public abstract record CorrelationEffect(string IncidentId);

/// <summary>A group of alerts met the creation conditions: open an incident for it.</summary>
/// <param name="IncidentId">The new incident's id (derived from the first alert, so a replay derives the same).</param>
/// <param name="Alerts">Its alerts so far.</param>
/// <param name="Resources">Resources of those alerts.</param>
/// <param name="DetectedAt">When its first alert started.</param>
/// <param name="LinkedTo">An earlier, resolved incident of the same alerts, if this is a recurrence past the reopen window.</param>
public sealed record IncidentToOpen(string IncidentId, ImmutableArray<AlertFacts> Alerts, ImmutableArray<string> Resources, DateTimeOffset DetectedAt, string? LinkedTo)
    : CorrelationEffect(IncidentId);

/// <summary>Alerts joined an open incident.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Alerts">The alerts that joined.</param>
/// <param name="Reasons">Why each joined (same resource, topology path, labels, log templates), in the order of <paramref name="Alerts"/>.</param>
public sealed record AlertsJoined(string IncidentId, ImmutableArray<AlertFacts> Alerts, ImmutableArray<string> Reasons) : CorrelationEffect(IncidentId);

/// <summary>Alerts of an incident resolved; <paramref name="StillFiring"/> of them are left.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="AlertKeys">The alerts that resolved.</param>
/// <param name="StillFiring">How many of the incident's alerts still fire.</param>
/// <param name="At">When the last of them resolved.</param>
public sealed record AlertsResolved(string IncidentId, ImmutableArray<string> AlertKeys, int StillFiring, DateTimeOffset At) : CorrelationEffect(IncidentId);

/// <summary>Every alert of the incident resolved: resolve it.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="At">When its last alert resolved.</param>
public sealed record IncidentToResolve(string IncidentId, DateTimeOffset At) : CorrelationEffect(IncidentId);

/// <summary>An alert of a recently resolved incident fired again: reopen it.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Alert">The alert that fired again.</param>
public sealed record IncidentToReopen(string IncidentId, AlertFacts Alert) : CorrelationEffect(IncidentId);

/// <summary>An alert of the incident started or stopped flapping.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="AlertKey">The alert.</param>
/// <param name="Flapping">True when it started flapping.</param>
/// <param name="Transitions">State changes within the flap window.</param>
public sealed record AlertFlapping(string IncidentId, string AlertKey, bool Flapping, int Transitions) : CorrelationEffect(IncidentId);
