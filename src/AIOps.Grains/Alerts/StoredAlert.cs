using System.Collections.Immutable;
using AIOps.Abstractions.Alerts;

namespace AIOps.Grains.Alerts;

/// <summary>One alert of the alert store: the latest of its notifications and what they added up to.</summary>
/// <param name="Source">The source that sends it.</param>
/// <param name="Fingerprint">Its identity within the source.</param>
/// <param name="Status">Firing or resolved.</param>
/// <param name="Labels">Labels of the latest notification, verbatim.</param>
/// <param name="Annotations">Annotations of the latest notification, verbatim.</param>
/// <param name="StartsAt">When the current instance started.</param>
/// <param name="EndsAt">When it ended or will be considered ended, if the source said.</param>
/// <param name="FirstSeen">When the platform first received it.</param>
/// <param name="LastSeen">When the platform last received it.</param>
/// <param name="Notifications">How many notifications of it were accepted.</param>
/// <param name="LastEventId">The event id of the latest notification.</param>
/// <param name="LastChange">What the latest notification changed.</param>
/// <param name="ResourceId">The managed resource it concerns, if it said.</param>
/// <param name="Pending">True until the correlator took its latest change.</param>
public sealed record StoredAlert(
    string Source,
    string Fingerprint,
    AlertStatus Status,
    ImmutableDictionary<string, string> Labels,
    ImmutableDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long Notifications,
    string LastEventId,
    AlertChange LastChange,
    string? ResourceId,
    bool Pending);
