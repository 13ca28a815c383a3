namespace AIOps.Abstractions.Audit;

/// <summary>The totals of a compliance report.</summary>
/// <param name="Entries">Audit entries in the range, of any action.</param>
/// <param name="ApprovalsGranted">Approvals given.</param>
/// <param name="ApprovalsRejected">Approvals refused.</param>
/// <param name="ActionsRun">Distinct agent actions that executed at least one step.</param>
/// <param name="ActionsRunWithoutApproval">Of those, how many ran with no human approval (automatically under policy).</param>
/// <param name="ActionsFailed">Of those, how many ended the range on a failed step.</param>
/// <param name="PolicyDenials">Policy verdicts that denied an action.</param>
/// <param name="ConfigChanges">Configuration changes.</param>
[GenerateSerializer, Immutable, Alias("aiops.audit.compliance-counts")]
public sealed record ComplianceCounts(
    [property: Id(0)] long Entries,
    [property: Id(1)] int ApprovalsGranted,
    [property: Id(2)] int ApprovalsRejected,
    [property: Id(3)] int ActionsRun,
    [property: Id(4)] int ActionsRunWithoutApproval,
    [property: Id(5)] int ActionsFailed,
    [property: Id(6)] int PolicyDenials,
    [property: Id(7)] int ConfigChanges);
