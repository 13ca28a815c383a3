using System.Collections.Immutable;

namespace AIOps.Simulation.Observations;

/// <summary>An alert notification as Alertmanager would send it: one per transition (firing, then resolved).</summary>
/// <param name="Sequence">Position in the estate's alert log (increasing).</param>
/// <param name="Name">Alert name, e.g. <c>KubePodCrashLooping</c>.</param>
/// <param name="Labels">Labels, including <c>alertname</c>, <c>severity</c> and <c>resource_id</c>.</param>
/// <param name="Annotations">Summary and description.</param>
/// <param name="Severity"><c>warning</c> or <c>critical</c>.</param>
/// <param name="Status"><c>firing</c> or <c>resolved</c>.</param>
/// <param name="StartsAt">When it started firing.</param>
/// <param name="EndsAt">When it resolved; null while firing.</param>
/// <param name="Fingerprint">Stable identity of the alert (name and labels), the same for its firing and resolved notifications.</param>
public sealed record SimulatedAlert(
    long Sequence,
    string Name,
    ImmutableSortedDictionary<string, string> Labels,
    ImmutableSortedDictionary<string, string> Annotations,
    string Severity,
    string Status,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string Fingerprint) : IObservation
{
    /// <inheritdoc/>
    public DateTimeOffset Timestamp => EndsAt ?? StartsAt;
}
