namespace AIOps.Abstractions.Alerts;

/// <summary>What an accepted alert notification changed, as the alert store saw it.</summary>
public enum AlertChange
{
    /// <summary>The alert started firing: a fingerprint never seen, or one that had resolved.</summary>
    Firing,

    /// <summary>A firing alert resolved.</summary>
    Resolved,

    /// <summary>Nothing changed: the same alert notified again (a repeat or a redelivery).</summary>
    Repeat,
}
