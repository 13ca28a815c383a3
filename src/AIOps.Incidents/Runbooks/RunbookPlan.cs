using System.Collections.Immutable;

namespace AIOps.Incidents.Runbooks;

/// <summary>A runbook resolved against an incident: parameter values and steps ready to run.</summary>
/// <param name="Runbook">The runbook.</param>
/// <param name="Incident">The incident context.</param>
/// <param name="Parameters">Resolved parameter values.</param>
/// <param name="Steps">Resolved steps in order.</param>
public sealed record RunbookPlan(Runbook Runbook, IncidentContext Incident, ImmutableDictionary<string, string> Parameters, ImmutableArray<PlannedStep> Steps);
