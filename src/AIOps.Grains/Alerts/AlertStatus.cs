namespace AIOps.Grains.Alerts;

/// <summary>Where a stored alert stands, as its source last said.</summary>
public enum AlertStatus
{
    /// <summary>The alert is active.</summary>
    Firing,

    /// <summary>The alert has ended.</summary>
    Resolved,
}
