using AIOps.Abstractions.Approvals;

namespace AIOps.Grains.Approvals;

/// <summary>Stored open approval requests by action id.</summary>
[GenerateSerializer, Alias("aiops.approval-inbox-state")]
public sealed class ApprovalInboxState
{
    [Id(0)] public Dictionary<string, Approval> Pending { get; set; } = [];
}
