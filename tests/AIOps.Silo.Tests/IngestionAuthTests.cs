using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AIOps.Silo.Tests;

/// <summary>Ingestion endpoints take the source's own token or an HMAC signature of the body, and nothing else.</summary>
public sealed class IngestionAuthTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private const string Path = "/api/ingest/dev-ingest/events";
    private const string Body = """[{"id":"a-1","type":"alert.firing","severity":"high","data":{"alertname":"HighLatency"},"resourceId":"k8s:prod:deployment/shop/cart"}]""";

    [Fact]
    public async Task TheSourceTokenIsAcceptedAndEventsAreStampedWithTheSource()
    {
        using var response = await SendAsync(Body, r => r.Headers.Authorization = new("Bearer", "dev-ingest"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = await response.Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.Equal("dev-ingest:a-1", Assert.Single(results!).GetProperty("id").GetString());
    }

    [Fact]
    public async Task AValidSignatureIsAcceptedAndATamperedOrStaleOneIsNot()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using (var signed = await SendAsync(Body, r => Sign(r, now, Body)))
        {
            Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        }

        var tampered = Body.Replace("high", "low", StringComparison.Ordinal);
        using (var response = await SendAsync(tampered, r => Sign(r, now, Body)))
        {
            await AssertRefusedAsync(response);
        }

        var stale = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using (var response = await SendAsync(Body, r => Sign(r, stale, Body)))
        {
            await AssertRefusedAsync(response);
        }
    }

    [Fact]
    public async Task AUserTokenAWrongTokenNoCredentialsOrAnUnknownSourceAreRefused()
    {
        var admin = await fixture.Silo.Tokens.ForRoleAsync("admin");
        await AssertRefusedAsync(await SendAsync(Body, r => r.Headers.Authorization = new("Bearer", admin)));
        await AssertRefusedAsync(await SendAsync(Body, r => r.Headers.Authorization = new("Bearer", "dev-ingest-wrong")));
        await AssertRefusedAsync(await SendAsync(Body, _ => { }));
        await AssertRefusedAsync(await SendAsync(Body, r => r.Headers.Authorization = new("Bearer", "dev-ingest"), "/api/ingest/nobody/events"));
    }

    [Fact]
    public async Task ABadBatchIsABadRequestNamingTheField()
    {
        using var noType = await SendAsync("""[{"id":"x"}]""", r => r.Headers.Authorization = new("Bearer", "dev-ingest"));
        Assert.Equal(HttpStatusCode.BadRequest, noType.StatusCode);
        Assert.Contains("[0].type", await noType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var empty = await SendAsync("[]", r => r.Headers.Authorization = new("Bearer", "dev-ingest"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    private static void Sign(HttpRequestMessage request, string timestamp, string signedBody)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes("dev-ingest"), Encoding.UTF8.GetBytes(timestamp + "." + signedBody));
        request.Headers.Add("X-AIOps-Timestamp", timestamp);
        request.Headers.Add("X-AIOps-Signature", "sha256=" + Convert.ToHexStringLower(mac));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("User tokens are not accepted", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        response.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(string body, Action<HttpRequestMessage> authenticate, string path = Path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        authenticate(request);
        return await fixture.Silo.Anonymous.SendAsync(request);
    }
}
