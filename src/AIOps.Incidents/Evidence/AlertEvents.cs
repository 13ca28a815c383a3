using System.Collections.Immutable;
using AIOps.Abstractions.Events;

namespace AIOps.Incidents.Evidence;

/// <summary>Reads the alert out of an <c>alert.*</c> platform event, whatever format it was ingested from.</summary>
public static class AlertEvents
{
    /// <summary>The alert facts of an alert event; <paramref name="kindOf"/> looks up the resource's kind.</summary>
    public static AlertFacts ToFacts(SystemEvent alert, Func<string, string?>? kindOf = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var data = alert.Data ?? ImmutableDictionary<string, string>.Empty;
        var fingerprint = data.GetValueOrDefault("fingerprint") ?? data.GetValueOrDefault("dedup_key") ?? alert.CorrelationId ?? alert.Id;
        var name = data.GetValueOrDefault("alertname") ?? data.GetValueOrDefault("summary") ?? alert.Type;
        var summary = data.GetValueOrDefault("annotation.summary") ?? data.GetValueOrDefault("summary") ?? data.GetValueOrDefault("annotation.description") ?? name;
        var resource = alert.ResourceId ?? data.GetValueOrDefault("resource_id");
        var startsAt = data.TryGetValue("startsAt", out var s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : alert.Timestamp;
        DateTimeOffset? endsAt = alert.Type == EventTypes.AlertResolved ? alert.Timestamp : null;
        return new AlertFacts(alert.Source, fingerprint, name, data, summary, alert.Severity, string.IsNullOrWhiteSpace(resource) ? null : resource,
            resource is null ? null : kindOf?.Invoke(resource), startsAt, endsAt);
    }
}
