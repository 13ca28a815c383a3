using AIOps.Abstractions.Approvals;

namespace AIOps.Grains.Approvals;

/// <summary>Stored state of an approval grain.</summary>
[GenerateSerializer, Alias("aiops.approval-state")]
public sealed class ApprovalState
{
    [Id(0)] public Approval? Approval { get; set; }

    /// <summary>When to escalate next, while pending; null for never.</summary>
    [Id(1)] public DateTimeOffset? NextEscalationAt { get; set; }

    [Id(2)] public TimeSpan? EscalateAfter { get; set; }
}
