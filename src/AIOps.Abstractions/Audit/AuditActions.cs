namespace AIOps.Abstractions.Audit;

/// <summary>
/// The decisions the audit trail records, as <c>area.verb</c> names. A search by <c>approval</c> matches every
/// <c>approval.*</c> action.
/// </summary>
public static class AuditActions
{
    /// <summary>A policy evaluated a proposed action; <see cref="AuditRecord.Outcome"/> is the verdict (see <see cref="AuditOutcomes"/>).</summary>
    public const string PolicyVerdict = "policy.verdict";

    /// <summary>An action was put in front of people for approval.</summary>
    public const string ApprovalRequested = "approval.requested";

    /// <summary>A person approved an action; the actor is the approver.</summary>
    public const string ApprovalGranted = "approval.granted";

    /// <summary>A person rejected an action; the actor is the one who rejected it.</summary>
    public const string ApprovalRejected = "approval.rejected";

    /// <summary>An approval request ran out of time without a decision.</summary>
    public const string ApprovalExpired = "approval.expired";

    /// <summary>An approval request was still pending at its escalation time and went to the next level.</summary>
    public const string ApprovalEscalated = "approval.escalated";

    /// <summary>A resource's lease was granted to an action.</summary>
    public const string LeaseGranted = "lease.granted";

    /// <summary>A lease was taken away from an action in favour of a more important one.</summary>
    public const string LeasePreempted = "lease.preempted";

    /// <summary>A lease was given back.</summary>
    public const string LeaseReleased = "lease.released";

    /// <summary>One step of an action's execution ran; the outcome says how it went.</summary>
    public const string ActionStep = "action.step";

    /// <summary>A configuration (agent, policy, platform) was changed.</summary>
    public const string ConfigChanged = "config.changed";

    /// <summary>An agent became degraded, or was restarted automatically after failing its health checks.</summary>
    public const string AgentHealth = "agent.health";

    /// <summary>A credential (cloud or tool secret) was stored; the details name its kind and team, never the secret.</summary>
    public const string CredentialCreated = "credential.created";

    /// <summary>A credential's secret was replaced by a new version; the details give the new and previous versions.</summary>
    public const string CredentialRotated = "credential.rotated";

    /// <summary>A credential was deleted together with its secret.</summary>
    public const string CredentialDeleted = "credential.deleted";
}
