using System.Collections.Immutable;

namespace AIOps.Incidents.Runbooks;

/// <summary>What a runbook knows about the incident it runs for.</summary>
/// <param name="IncidentId">The incident (empty for a dry run on an explicit type and resources).</param>
/// <param name="IncidentType">Its type, e.g. <c>node-failure</c>.</param>
/// <param name="Labels">Labels (from its alerts or given by the caller).</param>
/// <param name="Resources">The affected resources that exist, in the incident's order.</param>
/// <param name="PriorAttempts">Runbook executions already started for this incident.</param>
public sealed record IncidentContext(
    string IncidentId,
    string IncidentType,
    ImmutableDictionary<string, string> Labels,
    ImmutableArray<IncidentResource> Resources,
    int PriorAttempts);
