using System.Collections.Immutable;
using System.Globalization;
using AIOps.Abstractions.Events;
using AIOps.Grains.Alerts;

namespace AIOps.Silo.Ingestion;

/// <summary>Turns ingested alert events (and, where the source sent them, the alerts verbatim) into store notifications.</summary>
public static class AlertIntakeNotifications
{
    private const string AnnotationPrefix = "annotation.";

    /// <summary>Whether an ingested platform event is an alert (<c>alert.*</c>) for the intake rather than an event for the router.</summary>
    public static bool IsAlert(SystemEvent systemEvent)
    {
        ArgumentNullException.ThrowIfNull(systemEvent);
        return systemEvent.Type.StartsWith("alert.", StringComparison.Ordinal);
    }

    /// <summary>
    /// The notification of <paramref name="systemEvent"/>, the event of an Alertmanager alert: its labels and
    /// annotations are stored exactly as sent.
    /// </summary>
    public static AlertNotification From(SystemEvent systemEvent, CheckedAlert alert, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(systemEvent);
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertNotification(systemEvent, alert.Fingerprint, alert.Status, alert.Alert.Labels!.Pairs.ToImmutableDictionary(StringComparer.Ordinal),
            alert.Alert.Annotations.Pairs.ToImmutableDictionary(StringComparer.Ordinal), alert.StartsAt, alert.EndsAt, receivedAt)
        {
            Content = alert.Content,
        };
    }

    /// <summary>
    /// The notification of <paramref name="systemEvent"/>, an alert event of the other forms: the event's data are the
    /// labels and its <c>annotation.*</c> items the annotations.
    /// </summary>
    public static AlertNotification From(SystemEvent systemEvent, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(systemEvent);
        var data = systemEvent.Data;
        var fingerprint = data.GetValueOrDefault("fingerprint") is { Length: > 0 } f ? f
            : data.GetValueOrDefault("dedup_key") is { Length: > 0 } d ? d
            : systemEvent.CorrelationId is { Length: > 0 } c ? c
            : systemEvent.Id;
        var startsAt = data.GetValueOrDefault("startsAt") is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed
            : systemEvent.Timestamp;
        var labels = data.Where(p => !p.Key.StartsWith(AnnotationPrefix, StringComparison.Ordinal)).ToImmutableDictionary(StringComparer.Ordinal);
        var annotations = data.Where(p => p.Key.StartsWith(AnnotationPrefix, StringComparison.Ordinal))
            .ToImmutableDictionary(p => p.Key[AnnotationPrefix.Length..], p => p.Value, StringComparer.Ordinal);
        var status = systemEvent.Type == EventTypes.AlertResolved ? AlertStatus.Resolved : AlertStatus.Firing;
        return new AlertNotification(systemEvent, fingerprint, status, labels, annotations, startsAt, null, receivedAt);
    }
}
