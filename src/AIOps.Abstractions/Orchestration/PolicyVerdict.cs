namespace AIOps.Abstractions.Orchestration;

/// <summary>What policy says about an action.</summary>
public enum PolicyVerdict
{
    /// <summary>It may run without a person.</summary>
    Allow = 0,

    /// <summary>It may run once a person with the approver role approves it.</summary>
    NeedsApproval = 1,

    /// <summary>It must not run.</summary>
    Deny = 2,
}
