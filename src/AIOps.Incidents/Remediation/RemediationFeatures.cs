namespace AIOps.Incidents.Remediation;

/// <summary>What the remediation-success model knows about one runbook action before it runs.</summary>
/// <param name="IncidentType">Incident type, e.g. <c>node-failure</c>.</param>
/// <param name="RunbookId">The runbook.</param>
/// <param name="StepAction">The step's action, e.g. <c>restart</c>.</param>
/// <param name="ResourceKind">Kind of the target, e.g. <c>node</c>.</param>
/// <param name="Environment">Environment of the target.</param>
/// <param name="PriorAttempts">Runbook executions already started for the same incident.</param>
public sealed record RemediationFeatures(string IncidentType, string RunbookId, string StepAction, string ResourceKind, string Environment, int PriorAttempts);
