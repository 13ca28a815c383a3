using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AIOps.Silo.Tests;

/// <summary>
/// CloudWatch alarms through Amazon SNS against a real silo process, with SNS faked at the wire (certificate,
/// confirmation URL) and every message signed as SNS signs it. Posts look like SNS's: text/plain JSON, the
/// x-amz-sns-* headers, and HTTP Basic credentials from the subscription URL.
/// </summary>
public sealed class CloudWatchIngestionTests(SnsSiloFixture fixture) : IClassFixture<SnsSiloFixture>
{
    private const string Source = "dev-ingest";
    private static readonly string Topic = SnsAlarmPayloads.Topic;

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public async Task AnEc2AlarmIsAcceptedAndARedeliveryHasTheSameEventId(string version)
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(-Random.Shared.Next(1, 100_000));
        var arn = $"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:web-prod-{version}-cpu-high";
        var body = fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", at, arn: arn), version, subject: $"ALARM: \"web-prod-{version}-cpu-high\" in EU (Ireland)");
        using var first = await PostAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var id = Assert.Single(await IdsAsync(first));
        Assert.Equal($"{Source}:{Fingerprint(arn)}:{at.ToUnixTimeMilliseconds()}:alarm", id);

        using var again = await PostAsync(body);
        Assert.Equal([id], await IdsAsync(again));
    }

    [Fact]
    public async Task OkAndInsufficientDataTransitionsAreAcceptedWithTheirOwnIds()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var arn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:db-prod-001-cpu-high";
        using var noData = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("INSUFFICIENT_DATA", "OK", at, arn: arn), "2"));
        var noDataId = Assert.Single(await IdsAsync(noData));
        Assert.EndsWith(":insufficient_data", noDataId, StringComparison.Ordinal);
        Assert.DoesNotContain(Fingerprint(arn), noDataId, StringComparison.Ordinal);

        using var alarm = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("ALARM", "INSUFFICIENT_DATA", at.AddMinutes(1), arn: arn), "2"));
        var alarmIds = await IdsAsync(alarm);
        Assert.Equal([$"{Source}:{Fingerprint(arn)}:{at.AddMinutes(1).ToUnixTimeMilliseconds()}:alarm", noDataId.Split(':')[0] + ":" + noDataId.Split(':')[1] + $":{at.AddMinutes(1).ToUnixTimeMilliseconds()}:resolved"], alarmIds);

        using var ok = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("OK", "ALARM", at.AddMinutes(2), arn: arn), "1"));
        Assert.Equal([$"{Source}:{Fingerprint(arn)}:{at.AddMinutes(2).ToUnixTimeMilliseconds()}:ok"], await IdsAsync(ok));
    }

    [Fact]
    public async Task MetricMathAndCompositeAlarmsAreAccepted()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        using var math = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.AlbErrorRate("ALARM", "OK", at), "2"));
        Assert.Equal([$"{Source}:{Fingerprint(SnsAlarmPayloads.MathAlarmArn)}:{at.ToUnixTimeMilliseconds()}:alarm"], await IdsAsync(math));
        using var composite = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.Composite("ALARM", "OK", at), "1"));
        Assert.Equal([$"{Source}:{Fingerprint(SnsAlarmPayloads.CompositeAlarmArn)}:{at.ToUnixTimeMilliseconds()}:alarm"], await IdsAsync(composite));
    }

    [Fact]
    public async Task ATamperedMessageIsRefusedWithoutSayingAnythingOfTheKey()
    {
        var body = fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("OK", "ALARM", DateTimeOffset.UtcNow), "2",
            tamper: f => new(f) { ["Message"] = f["Message"].Replace("\"OK\"", "\"ALARM\"", StringComparison.Ordinal) });
        using var response = await PostAsync(body);
        var detail = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("signature does not match", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("MII", detail, StringComparison.Ordinal);

        var wrongVersion = fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("OK", "ALARM", DateTimeOffset.UtcNow), "1", tamper: f => new(f) { ["SignatureVersion"] = "2" });
        await AssertProblemAsync(await PostAsync(wrongVersion), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("http://localhost:{port}/evil.pem")]
    [InlineData("http://127.0.0.2:{port}/evil.pem")]
    [InlineData("https://sns.eu-west-1.amazonaws.com.attacker.example/evil.pem")]
    [InlineData("ftp://127.0.0.1:{port}/evil.pem")]
    public async Task ACertificateUrlOffTheAllowedHostsIsRefusedAndNeverFetched(string url)
    {
        var certificateUrl = url.Replace("{port}", fixture.Sns.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var response = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", DateTimeOffset.UtcNow), certificateUrl: certificateUrl));
        var detail = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("SigningCertURL", detail, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Sns.Count("/evil.pem"));
    }

    [Fact]
    public async Task ACertificateThatCannotBeFetchedIsABadGatewaySoSnsRetries()
    {
        var missing = $"{fixture.Sns.BaseUrl}/SimpleNotificationService-missing.pem";
        using var response = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", DateTimeOffset.UtcNow), certificateUrl: missing));
        var detail = await AssertProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Contains("HTTP 404", detail, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Sns.Count("/SimpleNotificationService-missing.pem"));
    }

    [Fact]
    public async Task ASubscriptionConfirmationCallsSubscribeUrlExactlyOnceEvenWhenRedelivered()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var body = fixture.Sns.Confirmation("SubscriptionConfirmation", Topic, token, "2");
        using (var response = await PostAsync(body, "SubscriptionConfirmation"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("confirmed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        using (var redelivered = await PostAsync(body, "SubscriptionConfirmation"))
        {
            Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        }

        var calls = fixture.Sns.Requests.Where(r => r.Contains(token, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"/?Action=ConfirmSubscription&TopicArn={Uri.EscapeDataString(Topic)}&Token={token}"], calls);
        Assert.DoesNotContain(token, fixture.Silo.Output, StringComparison.Ordinal);
        Assert.Contains($"Confirmed the SNS subscription of source {Source} to {Topic}", fixture.Silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsubscribeConfirmationIsAnsweredWithoutSubscribingAgain()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using var response = await PostAsync(fixture.Sns.Confirmation("UnsubscribeConfirmation", Topic, token, "1"), "UnsubscribeConfirmation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(fixture.Sns.Requests, r => r.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfirmationWhoseSubscribeUrlIsOffTheAllowedHostsIsRefusedAndNotCalled()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var body = fixture.Sns.Confirmation("SubscriptionConfirmation", Topic, token, "2", subscribeUrl: $"http://localhost:{fixture.Sns.Port}/?Action=ConfirmSubscription&Token={token}");
        var detail = await AssertProblemAsync(await PostAsync(body, "SubscriptionConfirmation"), HttpStatusCode.Forbidden);
        Assert.Contains("SubscribeURL", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Sns.Requests, r => r.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATypeHeaderThatDisagreesWithTheBodyIsABadRequestNamingTheHeader()
    {
        using var response = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", DateTimeOffset.UtcNow)), "SubscriptionConfirmation");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        using var again = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", DateTimeOffset.UtcNow)), "Notification");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        using var wrong = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", DateTimeOffset.UtcNow)), "SubscriptionConfirmation");
        var problem = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("x-amz-sns-message-type", out _), problem.ToString());
    }

    [Fact]
    public async Task AMessageThatIsNotACloudWatchAlarmIsABadRequestNamingMessage()
    {
        using var response = await PostAsync(fixture.Sns.Notification(Topic, "{\"default\":\"a plain message published to the topic\"}", "2"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        using var again = await PostAsync(fixture.Sns.Notification(Topic, "{\"default\":\"a plain message published to the topic\"}", "2"));
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Message", out _));
        using var malformed = await PostAsync("{\"Type\":\"Notification\",");
        await AssertProblemAsync(malformed, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnOversizedBodyIsRefusedWith413BeforeParsing()
    {
        var huge = "{\"Type\":\"Notification\",\"Message\":\"" + new string('x', 600 * 1024) + "\"}";
        using var response = await PostAsync(huge);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);

        // Without a Content-Length the limit holds while reading.
        using var request = Request(huge, "Notification");
        request.Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(huge));
        await AssertProblemAsync(await fixture.Silo.Anonymous.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task WithoutCredentialsSnsGetsABasicChallengeAndWrongOnesAreRefused()
    {
        var body = fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", DateTimeOffset.UtcNow));
        using var anonymous = await PostAsync(body, credentials: null);
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Basic realm=", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertProblemAsync(await PostAsync(body, credentials: $"{Source}:wrong-token"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await PostAsync(body, credentials: $"someone-else:{Source}"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await PostAsync(body, credentials: "not base64 at all", raw: true), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATopicOutsideTheSourcesAllowListIsForbiddenAndItsCertificateNotFetched()
    {
        var credentials = $"{SnsSiloFixture.LockedSource}:{SnsSiloFixture.LockedToken}";
        var before = fixture.Sns.Count(FakeSns.CertificatePath);
        var other = fixture.Sns.Notification("arn:aws:sns:eu-west-1:123456789012:someone-elses-topic", SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", DateTimeOffset.UtcNow));
        var detail = await AssertProblemAsync(await PostAsync(other, source: SnsSiloFixture.LockedSource, credentials: credentials), HttpStatusCode.Forbidden);
        Assert.Contains("TopicArns", detail, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Sns.Count(FakeSns.CertificatePath));

        var allowed = fixture.Sns.Notification(SnsSiloFixture.LockedTopic, SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", DateTimeOffset.UtcNow));
        using var accepted = await PostAsync(allowed, source: SnsSiloFixture.LockedSource, credentials: credentials);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task ASignedButStaleMessageIsRefusedAsAReplay()
    {
        var body = fixture.Sns.Notification(Topic, SnsAlarmPayloads.Ec2Cpu("ALARM", "OK", DateTimeOffset.UtcNow.AddHours(-3)), "2", timestamp: DateTimeOffset.UtcNow.AddHours(-2));
        var detail = await AssertProblemAsync(await PostAsync(body), HttpStatusCode.Forbidden);
        Assert.Contains("replay", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task TheBodyIsReadWhateverContentTypeTheSubscriptionsDeliveryPolicySets(string? contentType)
    {
        using var request = Request(fixture.Sns.Notification(Topic, SnsAlarmPayloads.AlbErrorRate("OK", "ALARM", DateTimeOffset.UtcNow), "2"), "Notification");
        request.Content!.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType + "; charset=UTF-8");
        using var response = await fixture.Silo.Anonymous.SendAsync(request);
        Assert.EndsWith(":ok", Assert.Single(await IdsAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSnsDeliveryEverMadeTheSiloFail()
    {
        using var response = await PostAsync(fixture.Sns.Notification(Topic, SnsAlarmPayloads.Composite("OK", "ALARM", DateTimeOffset.UtcNow), "2"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain("Unhandled error", fixture.Silo.Output, StringComparison.Ordinal);
    }

    private static string Fingerprint(string arn) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(arn))[..8]);

    private static async Task<List<string>> IdsAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Select(e => e.GetProperty("id").GetString()!)];
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
        }
    }

    private HttpRequestMessage Request(string body, string? type, string source = Source, string? credentials = Source + ":" + Source, bool raw = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/{source}/cloudwatch")
        {
            Content = new StringContent(body, Encoding.UTF8, "text/plain"),
        };
        if (type is not null)
        {
            request.Headers.Add("x-amz-sns-message-type", type);
        }

        request.Headers.Add("x-amz-sns-message-id", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("Amazon Simple Notification Service Agent");
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", raw ? credentials : Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        return request;
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? type = "Notification", string source = Source, string? credentials = Source + ":" + Source, bool raw = false)
    {
        using var request = Request(body, type, source, credentials, raw);
        return await fixture.Silo.Anonymous.SendAsync(request);
    }

    /// <summary>A body sent chunked, without a Content-Length.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain; charset=UTF-8");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
