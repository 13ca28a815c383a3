using System.Collections.Immutable;

namespace AIOps.Incidents.Runbooks;

/// <summary>A resource an incident touches, as a runbook reads it.</summary>
/// <param name="Id">Resource id.</param>
/// <param name="Kind">Its kind, e.g. <c>node</c>, <c>deployment</c>.</param>
/// <param name="Environment">Its environment tag, normalised, or null.</param>
/// <param name="Properties">Observed state over desired state over tags: what <c>{{ param.property }}</c> reads.</param>
public sealed record IncidentResource(string Id, string Kind, string? Environment, ImmutableDictionary<string, string> Properties);
