namespace AIOps.Abstractions.Audit;

/// <summary>An agent action that executed in the report's range, summarised from its <see cref="AuditActions.ActionStep"/> entries.</summary>
/// <param name="ActionId">The agent action.</param>
/// <param name="AgentId">The agent that ran it, if recorded.</param>
/// <param name="ResourceId">The resource it acted on, if recorded.</param>
/// <param name="FirstStepAt">When its first step in the range was recorded.</param>
/// <param name="LastStepAt">When its last step in the range was recorded.</param>
/// <param name="Steps">How many steps were recorded in the range.</param>
/// <param name="FailedSteps">How many of them failed.</param>
/// <param name="LastOutcome">Outcome of the last step in the range.</param>
/// <param name="ApprovedBy">
/// Who approved it (the latest <see cref="AuditActions.ApprovalGranted"/> before its first step, at any time);
/// null when it ran without a human approval, i.e. automatically under policy.
/// </param>
/// <param name="ApprovedAt">When it was approved; null when <paramref name="ApprovedBy"/> is.</param>
[GenerateSerializer, Immutable, Alias("aiops.audit.compliance-action-run")]
public sealed record ComplianceActionRun(
    [property: Id(0)] string ActionId,
    [property: Id(1)] string? AgentId,
    [property: Id(2)] string? ResourceId,
    [property: Id(3)] DateTimeOffset FirstStepAt,
    [property: Id(4)] DateTimeOffset LastStepAt,
    [property: Id(5)] int Steps,
    [property: Id(6)] int FailedSteps,
    [property: Id(7)] string LastOutcome,
    [property: Id(8)] string? ApprovedBy,
    [property: Id(9)] DateTimeOffset? ApprovedAt);
