using System.Collections.Immutable;
using AIOps.Abstractions.Events;

namespace AIOps.Grains.Alerts;

/// <summary>One alert notification as a source sent it, ready for the alert store.</summary>
/// <param name="Event">The alert as a platform event; its id identifies this notification (a redelivery has the same id).</param>
/// <param name="Fingerprint">The alert's identity within its source (Alertmanager's fingerprint, PagerDuty's dedup key).</param>
/// <param name="Status">Firing or resolved.</param>
/// <param name="Labels">The alert's labels, verbatim.</param>
/// <param name="Annotations">The alert's annotations, verbatim.</param>
/// <param name="StartsAt">When this instance of the alert started; a re-fire after resolution starts later.</param>
/// <param name="EndsAt">When it ended (or, for a firing Alertmanager alert, when it will be considered ended).</param>
/// <param name="ReceivedAt">When the platform received it.</param>
public sealed record AlertNotification(
    SystemEvent Event,
    string Fingerprint,
    AlertStatus Status,
    ImmutableDictionary<string, string> Labels,
    ImmutableDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The source that sent it.</summary>
    public string Source => Event.Source;

    /// <summary><see cref="AlertContent"/>'s digest of <see cref="Labels"/> and <see cref="Annotations"/> when the reader already worked it out (a copy that changes them must drop it).</summary>
    public ulong? Content { get; init; }
}
