namespace AIOps.Grains.Runbooks;

/// <summary>A request to run a runbook for an incident.</summary>
/// <param name="RunbookId">The runbook.</param>
/// <param name="IncidentId">The incident.</param>
/// <param name="IncidentType">Its type; must be one the runbook is bound to.</param>
/// <param name="Labels">Labels for the runbook's matchers and parameters.</param>
/// <param name="RequestedBy">Who asked.</param>
[GenerateSerializer, Immutable, Alias("aiops.runbook-execution-request")]
public sealed record RunbookExecutionRequest(
    [property: Id(0)] string RunbookId,
    [property: Id(1)] string IncidentId,
    [property: Id(2)] string IncidentType,
    [property: Id(3)] IReadOnlyDictionary<string, string> Labels,
    [property: Id(4)] string RequestedBy);
