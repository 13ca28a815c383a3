using AIOps.Abstractions.Alerts;
using AIOps.Incidents.Evidence;

namespace AIOps.Incidents.Correlation;

/// <summary>One alert signal as the correlator takes it.</summary>
/// <param name="EventId">The platform event id (redeliveries carry the same id and are skipped).</param>
/// <param name="Alert">The alert.</param>
/// <param name="Change">Firing, resolved or a repeat.</param>
/// <param name="Occurrences">Notifications it stands for.</param>
/// <param name="At">When it happened (the alert's start for firing, its end for resolved, receipt for repeats).</param>
/// <param name="Resolved">The notification itself says resolved: a repeat of a resolution is counted and changes nothing.</param>
public sealed record AlertObservation(string EventId, AlertFacts Alert, AlertChange Change, int Occurrences, DateTimeOffset At, bool Resolved = false)
{
    /// <summary>The alert's identity: source and fingerprint.</summary>
    public string Key => AlertKey.Of(Alert.Source, Alert.Fingerprint);
}

/// <summary>Alert identities.</summary>
public static class AlertKey
{
    /// <summary><c>{source}/{fingerprint}</c>.</summary>
    public static string Of(string source, string fingerprint) => $"{source}/{fingerprint}";
}
