namespace AIOps.Grains.Runbooks;

/// <summary>An execution as the API shows it.</summary>
/// <param name="ExecutionId">Execution id, also the grain key.</param>
/// <param name="RunbookId">The runbook.</param>
/// <param name="IncidentId">The incident.</param>
/// <param name="IncidentType">Its type.</param>
/// <param name="Status"><c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Verified">Whether every verification passed.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RequestedBy">Who started it.</param>
/// <param name="Parameters">Resolved parameters.</param>
/// <param name="Steps">Steps, then compensation steps, with their state.</param>
[GenerateSerializer, Immutable, Alias("aiops.runbook-execution")]
public sealed record RunbookExecutionView(
    [property: Id(0)] string ExecutionId,
    [property: Id(1)] string RunbookId,
    [property: Id(2)] string IncidentId,
    [property: Id(3)] string IncidentType,
    [property: Id(4)] string Status,
    [property: Id(5)] bool Verified,
    [property: Id(6)] string? Error,
    [property: Id(7)] string RequestedBy,
    [property: Id(8)] IReadOnlyDictionary<string, string> Parameters,
    [property: Id(9)] IReadOnlyList<RunbookStepView> Steps);

/// <summary>One step of an execution.</summary>
/// <param name="Key">Idempotency key (execution id, index, and <c>undo</c> index for compensation).</param>
/// <param name="Name">Step name.</param>
/// <param name="Action">Its action.</param>
/// <param name="Target">Its target.</param>
/// <param name="Status">pending, running, succeeded, failed.</param>
/// <param name="Detail">What happened.</param>
/// <param name="ActionId">The agent action, for estate steps.</param>
/// <param name="PredictedSuccess">Predicted success probability, for estate steps.</param>
/// <param name="Compensation">True for an undo step.</param>
[GenerateSerializer, Immutable, Alias("aiops.runbook-execution-step")]
public sealed record RunbookStepView(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] string Action,
    [property: Id(3)] string? Target,
    [property: Id(4)] string Status,
    [property: Id(5)] string? Detail,
    [property: Id(6)] string? ActionId,
    [property: Id(7)] double? PredictedSuccess,
    [property: Id(8)] bool Compensation);
