using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using AIOps.Abstractions;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// The JSON document Amazon SNS posts to an HTTP(S) subscription: a <c>Notification</c>, a
/// <c>SubscriptionConfirmation</c> or an <c>UnsubscribeConfirmation</c>. Values are the decoded JSON strings, which is
/// what the signature covers.
/// </summary>
/// <param name="Type">The message type.</param>
/// <param name="MessageId">SNS's id of the message; the same on a retry.</param>
/// <param name="TopicArn">The topic it was published to.</param>
/// <param name="Subject">The subject of a notification, when the publisher gave one.</param>
/// <param name="Message">The payload: for CloudWatch, the alarm as a JSON string.</param>
/// <param name="Timestamp">When SNS published it (ISO 8601, as sent: it is signed as text).</param>
/// <param name="SignatureVersion"><c>1</c> (SHA1withRSA) or <c>2</c> (SHA256withRSA).</param>
/// <param name="Signature">Base64 RSA signature of <see cref="StringToSign"/>.</param>
/// <param name="SigningCertUrl">Where the signing certificate is.</param>
/// <param name="SubscribeUrl">The URL that confirms a subscription (confirmations only).</param>
/// <param name="Token">The confirmation token (confirmations only).</param>
/// <param name="UnsubscribeUrl">The URL that unsubscribes (notifications only).</param>
/// <param name="MessageAttributes">String message attributes of a notification, by name.</param>
public sealed record SnsEnvelope(
    string Type,
    string MessageId,
    string TopicArn,
    string? Subject,
    string Message,
    string Timestamp,
    string SignatureVersion,
    string Signature,
    string SigningCertUrl,
    string? SubscribeUrl,
    string? Token,
    string? UnsubscribeUrl,
    ImmutableDictionary<string, string> MessageAttributes)
{
    /// <summary>A message published to the topic.</summary>
    public const string Notification = "Notification";

    /// <summary>SNS asks the endpoint to confirm a new subscription.</summary>
    public const string SubscriptionConfirmation = "SubscriptionConfirmation";

    /// <summary>SNS tells the endpoint its subscription was removed.</summary>
    public const string UnsubscribeConfirmation = "UnsubscribeConfirmation";

    /// <summary>The HTTP header carrying the message type.</summary>
    public const string TypeHeader = "x-amz-sns-message-type";

    /// <summary>The HTTP header carrying the topic ARN.</summary>
    public const string TopicHeader = "x-amz-sns-topic-arn";

    /// <summary>True for the two confirmation types.</summary>
    public bool IsConfirmation => Type is SubscriptionConfirmation or UnsubscribeConfirmation;

    /// <summary>
    /// The text SNS signs: <c>name\nvalue\n</c> for each signed field, in byte order of the names. A notification signs
    /// Message, MessageId, Subject (only when present), Timestamp, TopicArn and Type; a confirmation signs Message,
    /// MessageId, SubscribeURL, Timestamp, Token, TopicArn and Type.
    /// </summary>
    public string StringToSign()
    {
        var text = new StringBuilder(Message.Length + 512);
        Append(text, "Message", Message);
        Append(text, "MessageId", MessageId);
        if (IsConfirmation)
        {
            Append(text, "SubscribeURL", SubscribeUrl ?? "");
        }
        else if (Subject is not null)
        {
            Append(text, "Subject", Subject);
        }

        Append(text, "Timestamp", Timestamp);
        if (IsConfirmation)
        {
            Append(text, "Token", Token ?? "");
        }

        Append(text, "TopicArn", TopicArn);
        Append(text, "Type", Type);
        return text.ToString();
    }

    /// <summary>Reads the body SNS posted, naming the field that is missing or of the wrong kind.</summary>
    /// <exception cref="ValidationException">The body is not an SNS message.</exception>
    public static SnsEnvelope Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            // System.Text.Json messages can quote input: say only where it broke.
            throw new ValidationException("body", "is not valid JSON: an Amazon SNS message is a JSON object");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ValidationException("body", "must be a JSON object: an Amazon SNS message");
            }

            var type = Required(root, "Type");
            if (type is not (Notification or SubscriptionConfirmation or UnsubscribeConfirmation))
            {
                throw new ValidationException("Type", $"must be {Notification}, {SubscriptionConfirmation} or {UnsubscribeConfirmation}");
            }

            var confirmation = type != Notification;
            var version = Required(root, "SignatureVersion");
            if (version is not ("1" or "2"))
            {
                throw new ValidationException("SignatureVersion", "must be 1 (SHA1withRSA) or 2 (SHA256withRSA)");
            }

            return new SnsEnvelope(
                type,
                Required(root, "MessageId"),
                Required(root, "TopicArn"),
                confirmation ? null : Optional(root, "Subject"),
                Required(root, "Message"),
                Required(root, "Timestamp"),
                version,
                Required(root, "Signature"),
                Required(root, "SigningCertURL"),
                confirmation ? Required(root, "SubscribeURL") : null,
                confirmation ? Required(root, "Token") : null,
                confirmation ? null : Optional(root, "UnsubscribeURL"),
                Attributes(root));
        }
    }

    private static void Append(StringBuilder text, string name, string value) =>
        text.Append(name).Append('\n').Append(value).Append('\n');

    private static string Required(JsonElement root, string name) =>
        Optional(root, name) ?? throw new ValidationException(name, "is required");

    private static string? Optional(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new ValidationException(name, "must be a string");
    }

    // SNS sends {"name": {"Type": "String", "Value": "..."}}; only string values are kept (binary ones mean nothing here).
    private static ImmutableDictionary<string, string> Attributes(JsonElement root)
    {
        if (!root.TryGetProperty("MessageAttributes", out var attributes) || attributes.ValueKind != JsonValueKind.Object)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes.EnumerateObject())
        {
            if (attribute.Value.ValueKind == JsonValueKind.Object
                && attribute.Value.TryGetProperty("Value", out var value)
                && value.ValueKind == JsonValueKind.String)
            {
                result[attribute.Name] = value.GetString()!;
            }
        }

        return result.ToImmutable();
    }
}
