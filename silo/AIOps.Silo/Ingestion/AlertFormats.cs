using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using AIOps.Abstractions;
using AIOps.Abstractions.Alerts;
using AIOps.Abstractions.Events;
using AIOps.Grains.Alerts;

namespace AIOps.Silo.Ingestion;

/// <summary>Alertmanager's webhook payload (version 4), as Alertmanager posts it to a receiver: the documented request shape (<see cref="AlertmanagerJson"/> reads it).</summary>
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

/// <summary>One alert in Alertmanager's webhook, or in its API v2 <c>POST /api/v2/alerts</c> array: the documented shape (<see cref="AlertmanagerJson"/> reads it).</summary>
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
        var sorted = labels.ToArray();
        AlertContent.Sort(sorted);
        return Fingerprint(sorted);
    }

    /// <summary><see cref="Fingerprint(IReadOnlyDictionary{string, string})"/> of labels already sorted by name.</summary>
    public static string Fingerprint(ReadOnlySpan<KeyValuePair<string, string>> sortedLabels)
    {
        var hash = AlertContent.Start;
        foreach (var (name, value) in sortedLabels)
        {
            hash = AlertContent.Add(AlertContent.Add(hash, name, 0xff), value, 0xff);
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Validates one alert of Alertmanager's forms (item <paramref name="index"/> of <paramref name="array"/>, as errors
    /// name it) and works out its identity: fingerprint, status, start and content digest; enough to recognise a repeat
    /// without building its event.
    /// </summary>
    public static CheckedAlert Check(ReceivedAlert alert, string array, int index, DateTimeOffset now)
    {

        ArgumentNullException.ThrowIfNull(alert);
        var labels = alert.Labels ?? throw new ValidationException($"{Path()}.labels", "is required");
        var name = labels["alertname"];
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ValidationException($"{Path()}.labels.alertname", "is required");
        }

        var resolved = alert.Status switch
        {
            "resolved" => true,
            "firing" => false,
            null => alert.EndsAt is { } ends && ends <= now,
            _ => throw new ValidationException($"{Path()}.status", "must be firing or resolved"),
        };
        var fingerprint = string.IsNullOrWhiteSpace(alert.Fingerprint) ? labels.Fingerprint : alert.Fingerprint;
        var endsAt = alert.EndsAt is { Year: > 1 } end ? end : (DateTimeOffset?)null;
        return new CheckedAlert(alert, fingerprint, resolved ? AlertStatus.Resolved : AlertStatus.Firing, alert.StartsAt ?? now, endsAt, AlertContent.Combine(labels.Digest, alert.Annotations.Digest));

        string Path() => $"{array}[{index}]";
    }

    /// <summary>The platform event id of an Alertmanager alert: the same alert firing again, or resolving, is a new event; a redelivery is not.</summary>
    public static string EventId(string source, CheckedAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return $"{source}:{alert.Fingerprint}:{alert.StartsAt.ToUnixTimeMilliseconds()}:{(alert.Status == AlertStatus.Resolved ? "resolved" : "firing")}";
    }

    /// <summary>The webhook's items every alert event carries.</summary>
    public static ImmutableDictionary<string, string> WebhookContext(ReceivedWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return ImmutableDictionary<string, string>.Empty
            .SetItem("receiver", webhook.Receiver ?? "")
            .SetItem("groupKey", webhook.GroupKey ?? "")
            .SetItem("externalURL", webhook.ExternalUrl ?? "")
            .SetItem("truncatedAlerts", (webhook.TruncatedAlerts ?? 0).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A checked Alertmanager alert as a platform event: its labels, annotations (<c>annotation.*</c>) and <paramref name="context"/> as data.</summary>
    public static SystemEvent FromAlert(string source, CheckedAlert alert, string? groupKey, ImmutableDictionary<string, string> context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(context);
        var received = alert.Alert;
        var labels = received.Labels!;
        var data = context.ToBuilder();
        foreach (var (name, value) in labels.Pairs)
        {
            data[name] = value;
        }

        foreach (var (name, value) in received.Annotations.Pairs)
        {
            data["annotation." + name] = value;
        }

        data["fingerprint"] = alert.Fingerprint;
        data["startsAt"] = alert.StartsAt.ToString("O", CultureInfo.InvariantCulture);
        data["generatorURL"] = received.GeneratorUrl ?? "";
        if (alert.EndsAt is { } endsAt)
        {
            data["endsAt"] = endsAt.ToString("O", CultureInfo.InvariantCulture);
        }

        var severity = AlertSeverity.Parse(labels["severity"]) ?? Severity.Medium;
        var resolved = alert.Status == AlertStatus.Resolved;
        return new SystemEvent(EventId(source, alert), resolved ? EventTypes.AlertResolved : EventTypes.AlertFiring, source, severity, data.ToImmutable(),
            resolved ? received.EndsAt ?? now : alert.StartsAt,
            string.IsNullOrWhiteSpace(groupKey) ? alert.Fingerprint : groupKey, labels["resource_id"]);
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
}

/// <summary>An Alertmanager alert that passed <see cref="AlertFormats.Check"/>, with its identity worked out.</summary>
/// <param name="Alert">The alert as received.</param>
/// <param name="Fingerprint">Its fingerprint (Alertmanager's, or computed from the labels).</param>
/// <param name="Status">Firing or resolved.</param>
/// <param name="StartsAt">When this instance started.</param>
/// <param name="EndsAt">Its end, when it has one.</param>
/// <param name="Content">Digest of its labels and annotations (<see cref="AlertContent"/>).</param>
public sealed record CheckedAlert(ReceivedAlert Alert, string Fingerprint, AlertStatus Status, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, ulong Content);
