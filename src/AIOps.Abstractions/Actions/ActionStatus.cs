namespace AIOps.Abstractions.Actions;

/// <summary>Where an agent action is in its life cycle.</summary>
public enum ActionStatus
{
    /// <summary>Proposed; waiting for policy or approval.</summary>
    Pending = 0,

    /// <summary>Allowed to run.</summary>
    Approved = 1,

    /// <summary>Running now.</summary>
    Executing = 2,

    /// <summary>Ran to completion; final.</summary>
    Completed = 3,

    /// <summary>Ran and failed; final.</summary>
    Failed = 4,

    /// <summary>A person said no; final.</summary>
    Rejected = 5,

    /// <summary>Nobody approved it in time; final.</summary>
    Expired = 6,

    /// <summary>Withdrawn before it ran; final.</summary>
    Cancelled = 7,
}
