using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AIOps.Abstractions;
using AIOps.Abstractions.Alerts;
using AIOps.Abstractions.Events;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// Turns a CloudWatch alarm state change (the JSON that CloudWatch publishes to SNS as the notification's
/// <c>Message</c>) into platform alert events. Metric alarms, metric-math (and anomaly-detection) alarms with
/// <c>Trigger.Metrics</c>, and composite alarms with <c>AlarmRule</c> are understood.
/// </summary>
/// <remarks>
/// An alarm is two alerts on the platform: the alarm condition (fingerprint = hash of the AlarmArn), and "no data"
/// (fingerprint = hash of the AlarmArn and <c>INSUFFICIENT_DATA</c>), a low-severity alert that says the alarm cannot
/// tell. ALARM fires the condition, OK resolves it, INSUFFICIENT_DATA fires "no data" and leaves the condition as it
/// was (missing data is not a recovery: the instance may be gone); leaving INSUFFICIENT_DATA resolves "no data".
/// </remarks>
public static partial class CloudWatchAlarms
{
    /// <summary>Value of the <c>state</c> data item for each CloudWatch state.</summary>
    public const string Alarm = "alarm", Ok = "ok", InsufficientData = "insufficient_data";

    /// <summary>The events of one alarm notification: the state change, plus the end of "no data" when leaving it.</summary>
    /// <param name="source">The ingestion source.</param>
    /// <param name="envelope">The SNS notification; its <c>Message</c> is the alarm.</param>
    /// <param name="defaultSeverity">Severity of ALARM when neither a message attribute nor the description says one.</param>
    /// <param name="severityKey">Name of the message attribute, or of the <c>key=value</c> token in AlarmDescription, giving the severity.</param>
    /// <exception cref="ValidationException">The message is not a CloudWatch alarm (field <c>Message</c>).</exception>
    public static IReadOnlyList<SystemEvent> FromNotification(string source, SnsEnvelope envelope, Severity defaultSeverity, string severityKey)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        using var document = ParseMessage(envelope.Message);
        var alarm = document.RootElement;
        var name = Text(alarm, "AlarmName");
        var arn = Text(alarm, "AlarmArn");
        var newState = Text(alarm, "NewStateValue");
        var changed = Text(alarm, "StateChangeTime");
        if (name is null || arn is null || newState is null || changed is null)
        {
            throw NotAnAlarm();
        }

        var state = State(newState) ?? throw new ValidationException("Message.NewStateValue", "must be ALARM, OK or INSUFFICIENT_DATA");
        var oldState = Text(alarm, "OldStateValue") is { } old ? State(old) : null;
        var at = ParseTime(changed) ?? throw new ValidationException("Message.StateChangeTime", "must be a timestamp such as 2026-11-26T10:00:00.000+0000");
        var arnMatch = AlarmArnPattern().Match(arn);
        if (!arnMatch.Success)
        {
            throw new ValidationException("Message.AlarmArn", "must be a CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)");
        }

        var region = arnMatch.Groups["region"].Value;
        var description = Text(alarm, "AlarmDescription");
        var severity = SeverityOf(envelope.MessageAttributes.GetValueOrDefault(severityKey))
            ?? SeverityOf(DescriptionValue(description, severityKey))
            ?? defaultSeverity;
        var data = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        data["alertname"] = name;
        data["alarm_arn"] = arn;
        data["account"] = Text(alarm, "AWSAccountId") ?? arnMatch.Groups["account"].Value;
        data["region"] = region;
        data["region_name"] = Text(alarm, "Region") ?? "";
        data["old_state"] = oldState ?? "";
        data["state_reason"] = Text(alarm, "NewStateReason") ?? "";
        data["annotation.summary"] = data["state_reason"];
        data["annotation.description"] = description ?? "";
        data["startsAt"] = at.ToString("O", CultureInfo.InvariantCulture);
        data["topic_arn"] = envelope.TopicArn;
        data["sns_message_id"] = envelope.MessageId;
        if (envelope.Subject is { } subject)
        {
            data["subject"] = subject;
        }

        var dimensions = Describe(alarm, data);
        var resource = ResourceId(region, dimensions);
        if (resource is not null)
        {
            data["resource_id"] = resource;
        }

        var fingerprint = Fingerprint(arn);
        var noData = Fingerprint(arn + "\n" + "INSUFFICIENT_DATA");
        data["alarm_fingerprint"] = fingerprint;
        var ms = at.ToUnixTimeMilliseconds();
        SystemEvent Event(string fp, string type, string stateName, Severity s, string idSuffix)
        {
            var item = data.ToImmutable()
                .SetItem("fingerprint", fp)
                .SetItem("state", stateName)
                .SetItem("severity", s.ToString().ToLowerInvariant());
            return new SystemEvent($"{source}:{fp}:{ms}:{idSuffix}", type, source, s, item, at, fingerprint, resource);
        }

        var events = new List<SystemEvent>(2);
        switch (state)
        {
            case Alarm:
                events.Add(Event(fingerprint, EventTypes.AlertFiring, Alarm, severity, Alarm));
                break;
            case Ok:
                events.Add(Event(fingerprint, EventTypes.AlertResolved, Ok, severity, Ok));
                break;
            default:
                events.Add(Event(noData, EventTypes.AlertFiring, InsufficientData, Severity.Low, InsufficientData));
                break;
        }

        if (oldState == InsufficientData && state != InsufficientData)
        {
            events.Add(Event(noData, EventTypes.AlertResolved, state, Severity.Low, "resolved"));
        }

        return events;
    }

    /// <summary>A CloudWatch alarm's identity on the platform: hex of the first 8 bytes of SHA-256 over the ARN.</summary>
    public static string Fingerprint(string alarmArn) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alarmArn)).AsSpan(0, 8));

    /// <summary>CloudWatch's timestamps (<c>2026-11-26T10:00:00.000+0000</c>, no colon in the offset) and ISO 8601 ones.</summary>
    public static DateTimeOffset? ParseTime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = CompactOffset().IsMatch(text) ? text[..^2] + ":" + text[^2..] : text;
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
    }

    /// <summary>
    /// The managed resource the dimensions point at, in the platform's id scheme: an EC2 instance
    /// (<c>aws:ec2:&lt;region&gt;:&lt;instance id&gt;</c>), an EBS volume, or a load balancer; null for anything else or
    /// when the alarm's metrics disagree on the value.
    /// </summary>
    public static string? ResourceId(string region, IReadOnlyDictionary<string, string> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        string? One(string name) => dimensions.TryGetValue(name, out var value) && value.Length > 0 && !value.Contains(',', StringComparison.Ordinal) ? value : null;
        if (One("InstanceId") is { } instance)
        {
            return $"aws:ec2:{region}:{instance}";
        }

        if (One("VolumeId") is { } volume)
        {
            return $"aws:ebs:{region}:{volume}";
        }

        if (One("LoadBalancerName") is { } classic)
        {
            return $"aws:elb:{region}:{classic}";
        }

        // Application and network load balancers: "app/<name>/<id>" or "net/<name>/<id>".
        return One("LoadBalancer")?.Split('/') is [_, var lbName, _] ? $"aws:elb:{region}:{lbName}" : null;
    }

    private static JsonDocument ParseMessage(string message)
    {
        try
        {
            var document = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        throw NotAnAlarm();
    }

    private static ValidationException NotAnAlarm() =>
        new("Message", "is not a CloudWatch alarm: expected a JSON object with AlarmName, AlarmArn, NewStateValue and StateChangeTime");

    private static string? State(string value) => value switch
    {
        "ALARM" => Alarm,
        "OK" => Ok,
        "INSUFFICIENT_DATA" => InsufficientData,
        _ => null,
    };

    /// <summary>Fills what the alarm watches (metric, namespace, threshold, dimensions...) and returns the dimensions.</summary>
    private static Dictionary<string, string> Describe(JsonElement alarm, ImmutableDictionary<string, string>.Builder data)
    {
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Text(alarm, "AlarmRule") is { } rule)
        {
            data["alarm_type"] = "composite";
            data["alarm_rule"] = rule;
            if (Property(alarm, "TriggeringChildren") is { ValueKind: JsonValueKind.Array } children)
            {
                data["triggering_children"] = string.Join(",", children.EnumerateArray()
                    .Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() : Text(c, "Arn"))
                    .Where(a => !string.IsNullOrEmpty(a)));
            }

            return dimensions;
        }

        if (Property(alarm, "Trigger") is not { ValueKind: JsonValueKind.Object } trigger)
        {
            data["alarm_type"] = "unknown";
            return dimensions;
        }

        foreach (var (key, field) in new[]
        {
            ("comparison", "ComparisonOperator"), ("threshold", "Threshold"), ("period", "Period"), ("evaluation_periods", "EvaluationPeriods"),
            ("datapoints_to_alarm", "DatapointsToAlarm"), ("treat_missing_data", "TreatMissingData"), ("unit", "Unit"),
            ("threshold_metric_id", "ThresholdMetricId"),
        })
        {
            if (Scalar(trigger, field) is { Length: > 0 } value)
            {
                data[key] = value;
            }
        }

        var namespaces = new List<string>();
        var metrics = new List<string>();
        if (Property(trigger, "Metrics") is { ValueKind: JsonValueKind.Array } queries)
        {
            data["alarm_type"] = "metric_math";
            foreach (var query in queries.EnumerateArray())
            {
                var returned = Property(query, "ReturnData") is { ValueKind: JsonValueKind.True };
                if (Text(query, "Expression") is { } expression)
                {
                    if (returned || !data.ContainsKey("expression"))
                    {
                        data["expression"] = expression;
                        data["metric"] = Text(query, "Label") ?? Text(query, "Id") ?? expression;
                    }
                }
                else if (Property(query, "MetricStat") is { ValueKind: JsonValueKind.Object } stat
                    && Property(stat, "Metric") is { ValueKind: JsonValueKind.Object } metric)
                {
                    Collect(metric, namespaces, metrics, dimensions);
                    if (returned && !data.ContainsKey("expression"))
                    {
                        data["metric"] = Text(metric, "MetricName") ?? "";
                        data["statistic"] = Text(stat, "Stat") ?? "";
                    }
                }
            }

            data["metrics"] = string.Join(",", metrics.Distinct(StringComparer.Ordinal));
        }
        else
        {
            data["alarm_type"] = "metric";
            Collect(trigger, namespaces, metrics, dimensions);
            data["metric"] = metrics.FirstOrDefault() ?? "";
            var statistic = Text(trigger, "StatisticType") == "ExtendedStatistic" ? Text(trigger, "ExtendedStatistic") : Text(trigger, "Statistic");
            data["statistic"] = statistic ?? "";
        }

        data["namespace"] = string.Join(",", namespaces.Distinct(StringComparer.Ordinal));
        foreach (var (dimension, value) in dimensions)
        {
            data["dimension." + dimension] = value;
        }

        return dimensions;
    }

    private static void Collect(JsonElement metric, List<string> namespaces, List<string> metrics, Dictionary<string, string> dimensions)
    {
        if (Text(metric, "Namespace") is { } ns)
        {
            namespaces.Add(ns);
        }

        if (Text(metric, "MetricName") is { } metricName)
        {
            metrics.Add(metricName);
        }

        if (Property(metric, "Dimensions") is not { ValueKind: JsonValueKind.Array } list)
        {
            return;
        }

        foreach (var dimension in list.EnumerateArray())
        {
            if (Text(dimension, "name") is not { } dimensionName || Text(dimension, "value") is not { } value)
            {
                continue;
            }

            // Metrics of one alarm that disagree on a dimension keep every value, so no single resource is claimed.
            dimensions[dimensionName] = dimensions.TryGetValue(dimensionName, out var seen) && !seen.Split(',').Contains(value)
                ? seen + "," + value
                : value;
        }
    }

    private static string? DescriptionValue(string? description, string key)
    {
        if (string.IsNullOrEmpty(description))
        {
            return null;
        }

        var match = Regex.Match(description, $@"(?:^|[\s\[(;,]){Regex.Escape(key)}\s*[=:]\s*(?<value>[A-Za-z]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        return match.Success ? match.Groups["value"].Value : null;
    }

    private static Severity? SeverityOf(string? value) => AlertSeverity.Parse(value);

    // CloudWatch writes "Dimensions":[{"value":..,"name":..}] in SNS messages and "Name"/"Value" elsewhere: match either.
    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static string? Scalar(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value => value.GetRawText(),
        _ => null,
    };

    [GeneratedRegex(@"^arn:aws[a-z-]*:cloudwatch:(?<region>[a-z0-9-]+):(?<account>\d{12}):alarm:.+$", RegexOptions.CultureInvariant)]
    private static partial Regex AlarmArnPattern();

    [GeneratedRegex(@"[+-]\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactOffset();
}
