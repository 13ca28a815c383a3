namespace AIOps.Abstractions.Audit;

/// <summary>Usual values of <see cref="AuditRecord.Outcome"/>; the compliance report relies on these spellings.</summary>
public static class AuditOutcomes
{
    /// <summary>A policy let the action run on its own.</summary>
    public const string Allowed = "allowed";

    /// <summary>A policy refused the action.</summary>
    public const string Denied = "denied";

    /// <summary>A policy sent the action to people for approval.</summary>
    public const string ApprovalRequired = "approval-required";

    /// <summary>An execution step (or other operation) started.</summary>
    public const string Started = "started";

    /// <summary>An execution step (or other operation) succeeded.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>An execution step (or other operation) failed.</summary>
    public const string Failed = "failed";
}
