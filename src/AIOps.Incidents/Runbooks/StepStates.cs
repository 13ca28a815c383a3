namespace AIOps.Incidents.Runbooks;

/// <summary>States of a step and of an execution.</summary>
public static class StepStates
{
    /// <summary>Not started.</summary>
    public const string Pending = "pending";

    /// <summary>Started, not finished (resumed after a restart).</summary>
    public const string Running = "running";

    /// <summary>Done as intended.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Did not do what it should.</summary>
    public const string Failed = "failed";
}
