namespace AIOps.Abstractions.Approvals;

/// <summary>The approval of one action (keyed by action id): four eyes, roles, expiry and escalation.</summary>
[Alias("aiops.approval")]
public interface IApprovalGrain : IGrainWithStringKey
{
    /// <summary>Opens the request; asking again while it is open returns it unchanged.</summary>
    [Alias("request")] Task<Approval> RequestAsync(ApprovalRequest request);

    /// <summary>The request, or <see cref="NotFoundException"/>.</summary>
    [Alias("get")] Task<Approval> GetAsync();

    /// <summary>Approves: the approver needs the approver or admin role, must not be the requester, and must comment.</summary>
    [Alias("approve")] Task<Approval> ApproveAsync(Approver approver, string comment);

    /// <summary>Rejects, with the same rules as approving; the action is rejected.</summary>
    [Alias("reject")] Task<Approval> RejectAsync(Approver approver, string comment);

    /// <summary>Applies expiry and escalation that are due; called by the grain's own timer and reminder.</summary>
    [Alias("check-deadlines")] Task<Approval> CheckDeadlinesAsync();
}
