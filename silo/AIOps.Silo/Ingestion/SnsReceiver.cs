using System.Diagnostics.Metrics;
using AIOps.Abstractions;
using Microsoft.Extensions.Options;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// Takes what Amazon SNS posts to <c>/api/ingest/{source}/cloudwatch</c>: bounds and parses the body (sent as
/// <c>text/plain</c>, so it is read here rather than bound), checks the type header against the body, the topic
/// allow-list, the signature and the message's age, then confirms a subscription, records an unsubscription, or maps
/// a notification's CloudWatch alarm to events. Deliveries are counted by outcome (meter <c>AIOps.Ingestion.Sns</c>,
/// counter <c>aiops.ingest.sns.deliveries</c>, tags <c>source</c> and <c>outcome</c>).
/// </summary>
internal sealed partial class SnsReceiver(
    SnsSignatureVerifier verifier,
    SnsSubscriptionConfirmer confirmer,
    IOptions<SnsOptions> options,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<SnsReceiver> logger)
{
    private static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);

    private readonly Counter<long> _deliveries = meters.Create("AIOps.Ingestion.Sns").CreateCounter<long>(
        "aiops.ingest.sns.deliveries", "{delivery}",
        "SNS deliveries by outcome: notification, confirmed, unsubscribed, too_large, malformed, forbidden, upstream_failed");

    public async Task<SnsReceipt> ReceiveAsync(string source, HttpRequest request, CancellationToken cancel)
    {
        var outcome = "malformed";
        try
        {
            var (receipt, result) = await ReceiveOnceAsync(source, request, cancel);
            outcome = result;
            return receipt;
        }
        catch (ForbiddenException e)
        {
            outcome = "forbidden";
            LogRefused(logger, source, e.Message);
            throw;
        }
        finally
        {
            _deliveries.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private async Task<(SnsReceipt Receipt, string Outcome)> ReceiveOnceAsync(string source, HttpRequest request, CancellationToken cancel)
    {
        var settings = options.Value;
        var body = request.ContentLength > settings.MaxBodyBytes ? null : await SnsHttp.ReadLimitedAsync(request.Body, settings.MaxBodyBytes, cancel);
        if (body is null)
        {
            LogRefused(logger, source, "body too large");
            return (SnsReceipt.Reply(Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload too large.",
                detail: $"An SNS message body may be at most {settings.MaxBodyBytes / 1024} KiB here (SNS sends at most 256 KiB).")), "too_large");
        }

        var envelope = SnsEnvelope.Parse(body);
        CheckHeaders(request, envelope);
        var sourceSettings = settings.Sources.GetValueOrDefault(source);
        if (sourceSettings is { TopicArns.Count: > 0 } && !sourceSettings.TopicArns.Contains(envelope.TopicArn, StringComparer.Ordinal))
        {
            throw new ForbiddenException($"The topic is not one this source accepts ({SnsOptions.SectionName}:Sources:{source}:TopicArns).");
        }

        try
        {
            await verifier.VerifyAsync(envelope, cancel);
            CheckAge(envelope, settings);
            switch (envelope.Type)
            {
                case SnsEnvelope.SubscriptionConfirmation:
                    await confirmer.ConfirmAsync(source, envelope, cancel);
                    return (SnsReceipt.Reply(Results.Ok(new { status = "confirmed", topicArn = envelope.TopicArn })), "confirmed");
                case SnsEnvelope.UnsubscribeConfirmation:
                    LogUnsubscribed(logger, source, envelope.TopicArn);
                    return (SnsReceipt.Reply(Results.Ok(new { status = "unsubscribed", topicArn = envelope.TopicArn })), "unsubscribed");
            }
        }
        catch (SnsFetchException e)
        {
            return (SnsReceipt.Reply(Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Amazon SNS could not be reached.", detail: e.Message + " SNS retries the delivery.")), "upstream_failed");
        }

        var severity = sourceSettings?.DefaultSeverity ?? settings.DefaultSeverity;
        return (new SnsReceipt(null, CloudWatchAlarms.FromNotification(source, envelope, severity, settings.SeverityKey)), "notification");
    }

    private static void CheckHeaders(HttpRequest request, SnsEnvelope envelope)
    {
        var type = request.Headers[SnsEnvelope.TypeHeader].ToString();
        if (type.Length > 0 && type != envelope.Type)
        {
            throw new ValidationException(SnsEnvelope.TypeHeader, type is SnsEnvelope.Notification or SnsEnvelope.SubscriptionConfirmation or SnsEnvelope.UnsubscribeConfirmation
                ? $"says {type} but the body's Type is {envelope.Type}"
                : $"must be {SnsEnvelope.Notification}, {SnsEnvelope.SubscriptionConfirmation} or {SnsEnvelope.UnsubscribeConfirmation}");
        }

        var topic = request.Headers[SnsEnvelope.TopicHeader].ToString();
        if (topic.Length > 0 && topic != envelope.TopicArn)
        {
            throw new ValidationException(SnsEnvelope.TopicHeader, "differs from the body's TopicArn");
        }
    }

    private void CheckAge(SnsEnvelope envelope, SnsOptions settings)
    {
        if (CloudWatchAlarms.ParseTime(envelope.Timestamp) is not { } sent)
        {
            throw new ValidationException("Timestamp", "must be an ISO 8601 time");
        }

        var age = time.GetUtcNow() - sent;
        if (age > settings.MaxMessageAge || age < -FutureSkew)
        {
            throw new ForbiddenException($"The message was sent at {sent:O}, outside the accepted window ({SnsOptions.SectionName}:MaxMessageAge); it is treated as a replay.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an SNS delivery for source {Source}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SNS confirmed that source {Source} is unsubscribed from {TopicArn}; not re-subscribing")]
    private static partial void LogUnsubscribed(ILogger logger, string source, string topicArn);
}
