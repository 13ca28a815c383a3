namespace AIOps.Incidents.Runbooks;

/// <summary>What a runbook does when a step fails.</summary>
public enum FailurePolicy
{
    /// <summary>The runbook stops and fails (the default).</summary>
    Stop = 0,

    /// <summary>The failure is noted and the next step runs.</summary>
    Continue = 1,

    /// <summary>Completed steps are undone in reverse order (their <c>compensate</c> steps), then the runbook fails.</summary>
    Compensate = 2,
}
