namespace AIOps.Grains.Execution;

/// <summary>Where a run of an action plan stands.</summary>
public enum ExecutionStatus
{
    /// <summary>Not finished: a report handed to observers while the plan runs, or left behind by a crash; resume it.</summary>
    Running = 0,

    /// <summary>Every step completed.</summary>
    Completed = 1,

    /// <summary>A step failed and every completed step before it was compensated.</summary>
    Failed = 2,

    /// <summary>A step failed and at least one compensation failed too: the target may be half-changed and needs a person.</summary>
    CompensationFailed = 3,
}
