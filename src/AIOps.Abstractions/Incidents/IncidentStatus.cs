namespace AIOps.Abstractions.Incidents;

/// <summary>Where an incident is in its life cycle.</summary>
public enum IncidentStatus
{
    /// <summary>Detected; nobody is on it yet.</summary>
    Open = 0,

    /// <summary>Someone (or an agent) is working on it.</summary>
    Investigating = 1,

    /// <summary>The fault is fixed; it may still reopen.</summary>
    Resolved = 2,

    /// <summary>Done with; final.</summary>
    Closed = 3,
}
