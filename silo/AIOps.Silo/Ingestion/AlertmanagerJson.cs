using System.Buffers;
using System.Text.Json;
using AIOps.Abstractions;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// Reads Alertmanager's two forms (the webhook payload, version 4, and the API v2 alerts array) straight from the
/// request body's UTF-8 bytes into <see cref="ReceivedAlert"/>s: no intermediate dictionaries, since an alert storm is
/// mostly repeats that only need their identity checked. Errors name the field, as model binding would.
/// </summary>
public static class AlertmanagerJson
{
    /// <summary>Parses an API v2 body.</summary>
    public static IReadOnlyList<ReceivedAlert> ParseAlerts(ReadOnlySequence<byte> body)
    {
        var reader = Start(body);
        try
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new ValidationException("body", "must be a JSON array of alerts");
            }

            return ReadAlertArray(ref reader, body, "");
        }
        catch (JsonException e)
        {
            throw Invalid(e);
        }
        catch (InvalidOperationException)
        {
            throw NotUtf8();
        }
    }

    /// <summary>Parses a webhook body.</summary>
    public static ReceivedWebhook ParseWebhook(ReadOnlySequence<byte> body)
    {
        var reader = Start(body);
        try
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ValidationException("body", "must be an Alertmanager webhook payload (a JSON object)");
            }

            var webhook = new ReceivedWebhook();
            while (NextProperty(ref reader) is { } name)
            {
                switch (name)
                {
                    case "version": webhook.Version = Text(ref reader, name); break;
                    case "groupKey": webhook.GroupKey = Text(ref reader, name); break;
                    case "status": webhook.Status = Text(ref reader, name); break;
                    case "receiver": webhook.Receiver = Text(ref reader, name); break;
                    case "externalURL": webhook.ExternalUrl = Text(ref reader, name); break;
                    case "truncatedAlerts":
                        webhook.TruncatedAlerts = reader.TokenType == JsonTokenType.Null ? null
                            : reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var truncated) ? truncated
                            : throw new ValidationException(name, "must be a whole number");
                        break;
                    case "groupLabels":
                    case "commonLabels":
                    case "commonAnnotations":
                        Pairs(ref reader, body, name);
                        break;
                    case "alerts":
                        webhook.Alerts = reader.TokenType == JsonTokenType.Null ? null
                            : reader.TokenType == JsonTokenType.StartArray ? ReadAlertArray(ref reader, body, "alerts")
                            : throw new ValidationException(name, "must be an array of alerts");
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return webhook;
        }
        catch (JsonException e)
        {
            throw Invalid(e);
        }
        catch (InvalidOperationException)
        {
            throw NotUtf8();
        }
    }

    private static Utf8JsonReader Start(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new ValidationException("body", "is required");
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        try
        {
            reader.Read();
        }
        catch (JsonException e)
        {
            throw Invalid(e);
        }

        return reader;
    }

    private static List<ReceivedAlert> ReadAlertArray(ref Utf8JsonReader reader, ReadOnlySequence<byte> body, string path)
    {
        var alerts = new List<ReceivedAlert>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ValidationException($"{path}[{alerts.Count}]", "must be an alert object");
            }

            alerts.Add(ReadAlert(ref reader, body, path, alerts.Count));
        }

        return alerts;
    }

    // Field paths (alerts[3].labels) are only built for an error.
    private static ReceivedAlert ReadAlert(ref Utf8JsonReader reader, ReadOnlySequence<byte> body, string array, int index)
    {
        var alert = new ReceivedAlert();
        while (NextProperty(ref reader) is { } name)
        {
            var at = new FieldPath(array, index, name);
            switch (name)
            {
                case "status": alert.Status = Text(ref reader, at); break;
                case "labels": alert.Labels = Pairs(ref reader, body, at); break;
                case "annotations": alert.Annotations = Pairs(ref reader, body, at) ?? PairSet.Empty; break;
                case "startsAt": alert.StartsAt = Time(ref reader, at); break;
                case "endsAt": alert.EndsAt = Time(ref reader, at); break;
                case "generatorURL": alert.GeneratorUrl = Text(ref reader, at); break;
                case "fingerprint": alert.Fingerprint = Text(ref reader, at); break;
                default: reader.Skip(); break;
            }
        }

        return alert;
    }

    private readonly record struct FieldPath(string? Array, int Index, string Name)
    {
        public static implicit operator FieldPath(string name) => new(null, -1, name);

        public override string ToString() => Array is null ? Name : $"{Array}[{Index}].{Name}";
    }

    // The next property of the current object, its value the current token; null at the object's end. Names match as
    // Alertmanager writes them, or case-insensitively as model binding would.
    private static string? NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }

        var name = Known(ref reader);
        reader.Read();
        return name;
    }

    private static readonly string[] Names =
        ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint", "version", "groupKey", "receiver", "externalURL", "truncatedAlerts", "groupLabels", "commonLabels", "commonAnnotations", "alerts"];

    private static readonly byte[][] Utf8Names = [.. Names.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static string Known(ref Utf8JsonReader reader)
    {
        // Most names come unescaped and as Alertmanager spells them: compared as bytes.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var span = reader.ValueSpan;
            for (var i = 0; i < Utf8Names.Length; i++)
            {
                if (Utf8Names[i].Length == span.Length && span.SequenceEqual(Utf8Names[i]))
                {
                    return Names[i];
                }
            }
        }

        foreach (var known in Names)
        {
            if (reader.ValueTextEquals(known))
            {
                return known;
            }
        }

        var name = reader.GetString()!;
        return Array.Find(Names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) ?? name;
    }

    private static string? Text(ref Utf8JsonReader reader, FieldPath path) => reader.TokenType switch
    {
        JsonTokenType.String => Utf8StringPool.Get(ref reader),
        JsonTokenType.Null => null,
        _ => throw new ValidationException(path.ToString(), "must be a string"),
    };

    private static DateTimeOffset? Time(ref Utf8JsonReader reader, FieldPath path) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String when reader.TryGetDateTimeOffset(out var time) => time,
        _ => throw new ValidationException(path.ToString(), "must be an RFC 3339 time"),
    };

    // A JSON object of strings, sorted by name (the order fingerprints and content digests use). The same bytes as an
    // object parsed before give that object's set without parsing it again.
    private static PairSet? Pairs(ref Utf8JsonReader reader, ReadOnlySequence<byte> body, FieldPath path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ValidationException(path.ToString(), "must be an object of strings");
        }

        var start = reader.TokenStartIndex;
        var end = reader;
        end.Skip();
        var length = end.BytesConsumed - start;
        if (length > PairSetCache.MaxBytes)
        {
            return ParsePairs(ref reader, path);
        }

        var raw = body.Slice(start, length);
        Span<byte> copy = stackalloc byte[(int)length];
        ReadOnlySpan<byte> json = raw.IsSingleSegment ? raw.FirstSpan : copy;
        if (!raw.IsSingleSegment)
        {
            raw.CopyTo(copy);
        }

        if (PairSetCache.TryGet(json, out var known))
        {
            reader = end;
            return known;
        }

        var set = ParsePairs(ref reader, path);
        PairSetCache.Add(json, set);
        return set;
    }

    private static PairSet ParsePairs(ref Utf8JsonReader reader, FieldPath path)
    {
        var pairs = Scratch ??= new List<KeyValuePair<string, string>>(16);
        pairs.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Utf8StringPool.Get(ref reader);
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new ValidationException($"{path}.{name}", "must be a string");
            }

            pairs.Add(KeyValuePair.Create(name, Utf8StringPool.Get(ref reader)));
        }

        var sorted = pairs.ToArray();
        pairs.Clear();
        Grains.Alerts.AlertContent.Sort(sorted);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Key == sorted[i - 1].Key)
            {
                throw new ValidationException($"{path}.{sorted[i].Key}", "appears more than once");
            }
        }

        return new PairSet(sorted);
    }

    [ThreadStatic]
    private static List<KeyValuePair<string, string>>? Scratch;

    private static ValidationException NotUtf8() => new("body", "is not valid UTF-8 text");

    private static ValidationException Invalid(JsonException e)
    {
        var cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return new ValidationException("body", $"is not valid JSON: {(cut > 0 ? e.Message[..cut] : e.Message)} (byte {e.BytePositionInLine ?? 0})");
    }
}

/// <summary>One alert as Alertmanager (or Prometheus) sent it; labels and annotations sorted by name.</summary>
public sealed class ReceivedAlert
{
    /// <summary><c>firing</c> or <c>resolved</c> (the webhook); absent in API v2, where <see cref="EndsAt"/> decides.</summary>
    public string? Status { get; set; }

    /// <summary>The labels; null when absent.</summary>
    public PairSet? Labels { get; set; }

    /// <summary>The annotations.</summary>
    public PairSet Annotations { get; set; } = PairSet.Empty;

    /// <summary>When the alert started.</summary>
    public DateTimeOffset? StartsAt { get; set; }

    /// <summary>When it ended, or will be considered ended.</summary>
    public DateTimeOffset? EndsAt { get; set; }

    /// <summary>The rule's expression browser link.</summary>
    public string? GeneratorUrl { get; set; }

    /// <summary>Alertmanager's fingerprint, when it sent one.</summary>
    public string? Fingerprint { get; set; }
}

/// <summary>An Alertmanager webhook payload as received.</summary>
public sealed class ReceivedWebhook
{
    /// <summary>Payload version (4).</summary>
    public string? Version { get; set; }

    /// <summary>The group the alerts were notified in.</summary>
    public string? GroupKey { get; set; }

    /// <summary>Group status.</summary>
    public string? Status { get; set; }

    /// <summary>The receiver's name in Alertmanager.</summary>
    public string? Receiver { get; set; }

    /// <summary>Alertmanager's external URL.</summary>
    public string? ExternalUrl { get; set; }

    /// <summary>Alerts left out by Alertmanager's max_alerts.</summary>
    public int? TruncatedAlerts { get; set; }

    /// <summary>The alerts; null when absent.</summary>
    public IReadOnlyList<ReceivedAlert>? Alerts { get; set; }
}
