namespace AIOps.Grains.Execution;

/// <summary>How one run of a step (or of its compensation) ended.</summary>
public enum StepStatus
{
    /// <summary>It did its work.</summary>
    Completed = 0,

    /// <summary>It threw a permanent error, ran out of retries, timed out every time or met an open circuit.</summary>
    Failed = 1,
}
