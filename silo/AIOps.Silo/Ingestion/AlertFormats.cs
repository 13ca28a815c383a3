using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using AIOps.Abstractions;
using AIOps.Abstractions.Events;

namespace AIOps.Silo.Ingestion;

/// <summary>Alertmanager's webhook payload (version 4), as Alertmanager posts it to a receiver.</summary>
public sealed record AlertmanagerWebhook(
    string? Version,
    string? GroupKey,
    int? TruncatedAlerts,
    string? Status,
    string? Receiver,
    ImmutableDictionary<string, string>? GroupLabels,
    ImmutableDictionary<string, string>? CommonLabels,
    ImmutableDictionary<string, string>? CommonAnnotations,
    string? ExternalURL,
    ImmutableArray<AlertmanagerAlert>? Alerts);

/// <summary>One alert in Alertmanager's webhook, or in its API v2 <c>POST /api/v2/alerts</c> array.</summary>
public sealed record AlertmanagerAlert(
    string? Status,
    ImmutableDictionary<string, string>? Labels,
    ImmutableDictionary<string, string>? Annotations,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorURL,
    string? Fingerprint);

/// <summary>A PagerDuty Events API v2 event.</summary>
public sealed record PagerDutyEvent(
    [property: JsonPropertyName("routing_key")] string? RoutingKey,
    [property: JsonPropertyName("event_action")] string? EventAction,
    [property: JsonPropertyName("dedup_key")] string? DedupKey,
    [property: JsonPropertyName("payload")] PagerDutyPayload? Payload);

/// <summary>The <c>payload</c> of a PagerDuty event.</summary>
public sealed record PagerDutyPayload(
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("severity")] string? Severity,
    [property: JsonPropertyName("timestamp")] DateTimeOffset? Timestamp,
    [property: JsonPropertyName("component")] string? Component,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("class")] string? Class,
    [property: JsonPropertyName("custom_details")] System.Text.Json.JsonElement? CustomDetails);

/// <summary>Turns the alert formats users already have into platform events, naming the field when one is wrong.</summary>
public static class AlertFormats
{
    /// <summary>An alert's de-duplication key as Alertmanager computes it: FNV-1a 64 over the sorted label names and values.</summary>
    public static string Fingerprint(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        const ulong offset = 14695981039346656037, prime = 1099511628211;
        var hash = offset;
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            foreach (var b in Encoding.UTF8.GetBytes(name).Append((byte)0xff).Concat(Encoding.UTF8.GetBytes(value)).Append((byte)0xff))
            {
                hash ^= b;
                hash *= prime;
            }
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The alerts of an Alertmanager webhook.</summary>
    public static IReadOnlyList<SystemEvent> FromWebhook(string source, AlertmanagerWebhook? webhook, DateTimeOffset now)
    {
        var body = webhook ?? throw new ValidationException("body", "is required: an Alertmanager webhook payload");
        if (body.Alerts is not { } alerts)
        {
            throw new ValidationException("alerts", "is required");
        }

        var context = ImmutableDictionary<string, string>.Empty
            .SetItem("receiver", body.Receiver ?? "")
            .SetItem("groupKey", body.GroupKey ?? "")
            .SetItem("externalURL", body.ExternalURL ?? "")
            .SetItem("truncatedAlerts", (body.TruncatedAlerts ?? 0).ToString(CultureInfo.InvariantCulture));
        return [.. alerts.Select((alert, i) => FromAlert(source, alert, $"alerts[{i}]", body.GroupKey, context, now))];
    }

    /// <summary>The alerts of Alertmanager's API v2 form (<c>POST /api/v2/alerts</c>, as Prometheus sends them).</summary>
    public static IReadOnlyList<SystemEvent> FromApiV2(string source, ImmutableArray<AlertmanagerAlert>? alerts, DateTimeOffset now)
    {
        var list = alerts ?? throw new ValidationException("body", "is required: a JSON array of alerts");
        return [.. list.Select((alert, i) => FromAlert(source, alert, $"[{i}]", null, ImmutableDictionary<string, string>.Empty, now))];
    }

    /// <summary>A PagerDuty Events v2 event: trigger, acknowledge or resolve.</summary>
    public static SystemEvent FromPagerDuty(string source, PagerDutyEvent? pagerDuty, DateTimeOffset now)
    {
        var e = pagerDuty ?? throw new ValidationException("body", "is required: a PagerDuty Events v2 event");
        var type = e.EventAction switch
        {
            "trigger" => EventTypes.AlertFiring,
            "acknowledge" => "alert.acknowledged",
            "resolve" => EventTypes.AlertResolved,
            _ => throw new ValidationException("event_action", "must be trigger, acknowledge or resolve"),
        };
        var payload = e.Payload;
        if (type == EventTypes.AlertFiring)
        {
            if (string.IsNullOrWhiteSpace(payload?.Summary))
            {
                throw new ValidationException("payload.summary", "is required to trigger");
            }

            if (string.IsNullOrWhiteSpace(payload.Source))
            {
                throw new ValidationException("payload.source", "is required to trigger");
            }
        }
        else if (string.IsNullOrWhiteSpace(e.DedupKey))
        {
            throw new ValidationException("dedup_key", "is required to acknowledge or resolve");
        }

        var severity = payload?.Severity switch
        {
            null or "" when type != EventTypes.AlertFiring => Severity.Medium,
            "critical" => Severity.Critical,
            "error" => Severity.High,
            "warning" => Severity.Medium,
            "info" => Severity.Low,
            _ => throw new ValidationException("payload.severity", "must be critical, error, warning or info"),
        };
        var dedup = string.IsNullOrWhiteSpace(e.DedupKey) ? Guid.CreateVersion7().ToString("N") : e.DedupKey;
        var data = ImmutableDictionary<string, string>.Empty
            .SetItem("dedup_key", dedup)
            .SetItem("summary", payload?.Summary ?? "")
            .SetItem("source", payload?.Source ?? "")
            .SetItem("component", payload?.Component ?? "")
            .SetItem("group", payload?.Group ?? "")
            .SetItem("class", payload?.Class ?? "");
        if (payload?.CustomDetails is { } details && details.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var property in details.EnumerateObject())
            {
                data = data.SetItem("details." + property.Name, property.Value.ValueKind == System.Text.Json.JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
            }
        }

        var at = payload?.Timestamp ?? now;
        return new SystemEvent($"{source}:{dedup}:{e.EventAction}:{at.ToUnixTimeMilliseconds()}", type, source, severity, data, at, dedup, payload?.Source);
    }

    private static SystemEvent FromAlert(string source, AlertmanagerAlert alert, string path, string? groupKey, ImmutableDictionary<string, string> context, DateTimeOffset now)
    {
        var labels = alert.Labels ?? throw new ValidationException($"{path}.labels", "is required");
        if (!labels.TryGetValue("alertname", out var name) || string.IsNullOrWhiteSpace(name))
        {
            throw new ValidationException($"{path}.labels.alertname", "is required");
        }

        var startsAt = alert.StartsAt ?? now;
        var resolved = alert.Status switch
        {
            "resolved" => true,
            "firing" => false,
            null => alert.EndsAt is { } ends && ends <= now,
            _ => throw new ValidationException($"{path}.status", "must be firing or resolved"),
        };
        var fingerprint = string.IsNullOrWhiteSpace(alert.Fingerprint) ? Fingerprint(labels) : alert.Fingerprint;
        var data = context
            .SetItems(labels)
            .SetItems((alert.Annotations ?? ImmutableDictionary<string, string>.Empty).Select(a => KeyValuePair.Create("annotation." + a.Key, a.Value)))
            .SetItem("fingerprint", fingerprint)
            .SetItem("startsAt", startsAt.ToString("O", CultureInfo.InvariantCulture))
            .SetItem("generatorURL", alert.GeneratorURL ?? "");
        if (alert.EndsAt is { } endsAt && endsAt.Year > 1)
        {
            data = data.SetItem("endsAt", endsAt.ToString("O", CultureInfo.InvariantCulture));
        }

        var severity = labels.GetValueOrDefault("severity")?.ToLowerInvariant() switch
        {
            "critical" or "page" => Severity.Critical,
            "error" or "high" => Severity.High,
            "warning" or "warn" => Severity.Medium,
            "info" or "low" or "none" => Severity.Low,
            _ => Severity.Medium,
        };

        // The same alert firing again, or resolving, is a new event; a redelivery of the same notification is not.
        var id = $"{source}:{fingerprint}:{startsAt.ToUnixTimeMilliseconds()}:{(resolved ? "resolved" : "firing")}";
        return new SystemEvent(id, resolved ? EventTypes.AlertResolved : EventTypes.AlertFiring, source, severity, data, resolved ? alert.EndsAt ?? now : startsAt,
            string.IsNullOrWhiteSpace(groupKey) ? fingerprint : groupKey, labels.GetValueOrDefault("resource_id"));
    }
}
