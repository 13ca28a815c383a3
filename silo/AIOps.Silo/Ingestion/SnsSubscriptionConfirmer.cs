using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using AIOps.Abstractions;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// Confirms a verified SNS subscription by calling its <c>SubscribeURL</c> (GET, same host rules as certificates),
/// once per confirmation message even when SNS redelivers it. The log names the source, topic and subscription, never
/// the URL: its query carries the confirmation token.
/// </summary>
internal sealed partial class SnsSubscriptionConfirmer(IHttpClientFactory httpClients, SnsUrlPolicy urls, ILogger<SnsSubscriptionConfirmer> logger)
{
    private const int MaxRemembered = 1024;
    private readonly ConcurrentDictionary<string, Task<string?>> _confirmed = new(StringComparer.Ordinal);

    /// <summary>Confirms the subscription; returns when SNS has accepted the confirmation.</summary>
    /// <exception cref="ForbiddenException">SubscribeURL is not on an allowed SNS host.</exception>
    /// <exception cref="SnsFetchException">SNS did not accept the confirmation now.</exception>
    public async Task ConfirmAsync(string source, SnsEnvelope envelope, CancellationToken cancel)
    {
        var url = urls.Allowed(envelope.SubscribeUrl)
            ?? throw new ForbiddenException("SubscribeURL is not an https URL on an Amazon SNS host; the subscription was not confirmed.");
        if (_confirmed.Count > MaxRemembered)
        {
            _confirmed.Clear();
        }

        var call = _confirmed.GetOrAdd(envelope.MessageId, _ => CallAsync(url));
        string? subscription;
        try
        {
            subscription = await call.WaitAsync(cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException || call.IsCompleted)
        {
            _confirmed.TryRemove(KeyValuePair.Create(envelope.MessageId, call));
            throw;
        }

        LogConfirmed(logger, source, envelope.TopicArn, subscription ?? "(not stated)", url.Host);
    }

    private async Task<string?> CallAsync(Uri url)
    {
        try
        {
            using var response = await httpClients.CreateClient(SnsSignatureVerifier.HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new SnsFetchException($"{url.Host} refused the subscription confirmation: HTTP {(int)response.StatusCode}.");
            }

            // ConfirmSubscriptionResponse: <ConfirmSubscriptionResult><SubscriptionArn>...</SubscriptionArn>.
            var body = await SnsHttp.ReadLimitedAsync(response, 64 * 1024);
            var arn = body is null ? null : SubscriptionArn().Match(Encoding.UTF8.GetString(body));
            return arn is { Success: true } ? arn.Groups["arn"].Value : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            LogConfirmFailed(logger, url.Host, e.GetType().Name);
            throw new SnsFetchException($"The subscription could not be confirmed at {url.Host} in time.", e);
        }
    }

    [GeneratedRegex(@"<SubscriptionArn>\s*(?<arn>arn:[^<\s]{1,1000})\s*</SubscriptionArn>", RegexOptions.CultureInvariant)]
    private static partial Regex SubscriptionArn();

    [LoggerMessage(Level = LogLevel.Information, Message = "Confirmed the SNS subscription of source {Source} to {TopicArn}: {SubscriptionArn} (at {Host})")]
    private static partial void LogConfirmed(ILogger logger, string source, string topicArn, string subscriptionArn, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm an SNS subscription at {Host} ({Error})")]
    private static partial void LogConfirmFailed(ILogger logger, string host, string error);
}
