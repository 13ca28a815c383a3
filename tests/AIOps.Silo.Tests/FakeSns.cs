using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>
/// Amazon SNS at the wire, on loopback: serves a signing certificate (self-signed RSA, made here), answers
/// <c>ConfirmSubscription</c> the way SNS does, records every request, and signs messages as SNS signs them. The
/// string to sign is built here from the AWS documentation, independently of the silo's code.
/// </summary>
internal sealed class FakeSns : IDisposable
{
    public const string CertificatePath = "/SimpleNotificationService-0000000000000000000000.pem";
    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _pem;
    private readonly ConcurrentQueue<string> _requests = new();

    public FakeSns()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Prefixes.Add($"http://localhost:{Port}/");
        _listener.Start();
        var request = new CertificateRequest("CN=sns.amazonaws.com", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        _pem = certificate.ExportCertificatePem();
        _ = ServeAsync();
    }

    public int Port { get; }

    /// <summary>Base URL on the host the silo is told to trust.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string CertificateUrl => BaseUrl + CertificatePath;

    /// <summary>Path and query of every request received, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public int Count(string pathAndQueryPrefix) => _requests.Count(r => r.StartsWith(pathAndQueryPrefix, StringComparison.Ordinal));

    /// <summary>A signed Notification body, as SNS posts it.</summary>
    public string Notification(string topicArn, string message, string version = "1", string? subject = null, string? messageId = null,
        DateTimeOffset? timestamp = null, string? certificateUrl = null, Func<Dictionary<string, string>, Dictionary<string, string>>? tamper = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Type"] = "Notification",
            ["MessageId"] = messageId ?? Guid.NewGuid().ToString(),
            ["TopicArn"] = topicArn,
        };
        if (subject is not null)
        {
            fields["Subject"] = subject;
        }

        fields["Message"] = message;
        fields["Timestamp"] = (timestamp ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        fields["SignatureVersion"] = version;
        fields["Signature"] = Sign(fields, ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"], version);
        fields["SigningCertURL"] = certificateUrl ?? CertificateUrl;
        fields["UnsubscribeURL"] = $"{BaseUrl}/?Action=Unsubscribe&SubscriptionArn={topicArn}:0f3b8a70-0000-4000-8000-000000000000";
        return JsonSerializer.Serialize(tamper is null ? fields : tamper(fields));
    }

    /// <summary>A signed SubscriptionConfirmation or UnsubscribeConfirmation body.</summary>
    public string Confirmation(string type, string topicArn, string token, string version = "1", string? subscribeUrl = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Type"] = type,
            ["MessageId"] = Guid.NewGuid().ToString(),
            ["Token"] = token,
            ["TopicArn"] = topicArn,
            ["Message"] = type == "SubscriptionConfirmation"
                ? $"You have chosen to subscribe to the topic {topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message."
                : $"You have chosen to deactivate subscription {topicArn}:0f3b8a70-0000-4000-8000-000000000000.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.",
            ["SubscribeURL"] = subscribeUrl ?? $"{BaseUrl}/?Action=ConfirmSubscription&TopicArn={Uri.EscapeDataString(topicArn)}&Token={token}",
            ["Timestamp"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["SignatureVersion"] = version,
        };
        fields["Signature"] = Sign(fields, ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"], version);
        fields["SigningCertURL"] = CertificateUrl;
        return JsonSerializer.Serialize(fields);
    }

    public void Dispose()
    {
        _listener.Close();
        _key.Dispose();
    }

    private string Sign(Dictionary<string, string> fields, string[] signed, string version)
    {
        var text = new StringBuilder();
        foreach (var name in signed.Where(fields.ContainsKey))
        {
            text.Append(name).Append('\n').Append(fields[name]).Append('\n');
        }

        var hash = version == "1" ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        return Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(text.ToString()), hash, RSASignaturePadding.Pkcs1));
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var url = context.Request.Url!;
            _requests.Enqueue(url.PathAndQuery);
            var query = System.Web.HttpUtility.ParseQueryString(url.Query);
            var (status, type, body) = (url.AbsolutePath, query["Action"]) switch
            {
                (CertificatePath, _) => (200, "application/x-x509-ca-cert", _pem),
                ("/", "ConfirmSubscription") => (200, "text/xml", $"""
                    <ConfirmSubscriptionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                      <ConfirmSubscriptionResult>
                        <SubscriptionArn>{query["TopicArn"]}:0f3b8a70-0000-4000-8000-000000000000</SubscriptionArn>
                      </ConfirmSubscriptionResult>
                      <ResponseMetadata><RequestId>075ecce8-8dac-11e1-bf80-f781d96e9307</RequestId></ResponseMetadata>
                    </ConfirmSubscriptionResponse>
                    """),
                _ => (404, "text/plain", "not found"),
            };
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
