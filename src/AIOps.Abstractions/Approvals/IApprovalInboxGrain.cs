namespace AIOps.Abstractions.Approvals;

/// <summary>Open approval requests, for approvers' inboxes. Key <see cref="Key"/>.</summary>
[Alias("aiops.approval-inbox")]
public interface IApprovalInboxGrain : IGrainWithStringKey
{
    /// <summary>The one key this grain is used with.</summary>
    const string Key = "all";

    /// <summary>Records the latest state of a request; decided ones leave the inbox.</summary>
    [Alias("put")] Task PutAsync(Approval approval);

    /// <summary>Pending requests an approver may decide (not their own), oldest first.</summary>
    [Alias("pending")] Task<IReadOnlyList<Approval>> PendingForAsync(string approverId);

    /// <summary>Every pending request, oldest first.</summary>
    [Alias("pending-all")] Task<IReadOnlyList<Approval>> PendingAsync();
}
