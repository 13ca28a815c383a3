namespace AIOps.Simulation.Scenarios;

/// <summary>Where a scenario is in its life.</summary>
public enum ScenarioStatus
{
    /// <summary>Waiting for its start time.</summary>
    Scheduled,

    /// <summary>The fault is present.</summary>
    Active,

    /// <summary>A remediation fixed it.</summary>
    Resolved,

    /// <summary>Withdrawn on request.</summary>
    Stopped,

    /// <summary>Its duration ran out.</summary>
    Completed,
}
