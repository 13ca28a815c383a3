namespace AIOps.Abstractions.Approvals;

/// <summary>Where an approval request stands.</summary>
public enum ApprovalStatus
{
    /// <summary>Waiting for an approver.</summary>
    Pending = 0,

    /// <summary>An approver said yes.</summary>
    Approved = 1,

    /// <summary>An approver said no.</summary>
    Rejected = 2,

    /// <summary>Nobody decided in time.</summary>
    Expired = 3,
}
