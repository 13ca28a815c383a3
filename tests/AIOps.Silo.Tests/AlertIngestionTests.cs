using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AIOps.Silo.Tests;

/// <summary>The alert formats users already have, posted verbatim with the source's token.</summary>
public sealed class AlertIngestionTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private const string Webhook = """
        {
          "version": "4",
          "groupKey": "{}/{severity=\"critical\"}:{alertname=\"KubePodCrashLooping\"}",
          "truncatedAlerts": 0,
          "status": "firing",
          "receiver": "aiops",
          "groupLabels": { "alertname": "KubePodCrashLooping" },
          "commonLabels": { "alertname": "KubePodCrashLooping", "severity": "critical", "namespace": "shop" },
          "commonAnnotations": { "summary": "Pod is crash looping." },
          "externalURL": "http://alertmanager.example:9093",
          "alerts": [
            {
              "status": "firing",
              "labels": { "alertname": "KubePodCrashLooping", "severity": "critical", "namespace": "shop", "pod": "cart-7d9f-x2k4j", "resource_id": "k8s:prod-eu:pod/shop/cart-7d9f-x2k4j" },
              "annotations": { "summary": "Pod is crash looping.", "description": "Pod shop/cart-7d9f-x2k4j restarted 5 times in 10 minutes." },
              "startsAt": "2026-11-26T10:00:00.000Z",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prometheus.example:9090/graph?g0.expr=...",
              "fingerprint": "6c1e2b3a4d5f6071"
            },
            {
              "status": "resolved",
              "labels": { "alertname": "KubePodCrashLooping", "severity": "critical", "namespace": "shop", "pod": "cart-7d9f-aaaaa" },
              "annotations": { "summary": "Pod is crash looping." },
              "startsAt": "2026-11-26T09:40:00.000Z",
              "endsAt": "2026-11-26T09:55:00.000Z",
              "generatorURL": "http://prometheus.example:9090/graph?g0.expr=...",
              "fingerprint": "0a1b2c3d4e5f6071"
            }
          ]
        }
        """;

    [Fact]
    public async Task AnAlertmanagerWebhookBecomesOneEventPerAlertAndARedeliveryHasTheSameIds()
    {
        var first = await PostAsync("alertmanager", Webhook);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var ids = (await first.Content.ReadFromJsonAsync<JsonElement[]>())!.Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.StartsWith("dev-ingest:6c1e2b3a4d5f6071:", ids[0], StringComparison.Ordinal);
        Assert.EndsWith(":firing", ids[0], StringComparison.Ordinal);
        Assert.EndsWith(":resolved", ids[1], StringComparison.Ordinal);
        var again = await (await PostAsync("alertmanager", Webhook)).Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.Equal(ids, again!.Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task TheAlertmanagerApiV2FormIsAcceptedAsPrometheusSendsIt()
    {
        var response = await PostAsync("api/v2/alerts", """
            [{"labels":{"alertname":"HighErrorRate","severity":"warning","service":"checkout"},"annotations":{"summary":"5% errors"},
              "startsAt":"2026-11-26T10:01:00Z","endsAt":"2026-11-26T10:10:00Z","generatorURL":"http://prometheus:9090/graph"}]
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task APagerDutyEventIsAcceptedWithThePagerDutyAnswer()
    {
        var trigger = await PostAsync("pagerduty", """
            {"routing_key":"R0UT1NGKEY","event_action":"trigger","dedup_key":"disk-db-1",
             "payload":{"summary":"Disk 95% on db-1","source":"db-1.example","severity":"critical","component":"postgres","group":"prod-db","class":"disk","custom_details":{"free_gb":3,"mount":"/var/lib/postgresql"}}}
            """);
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        var answer = await trigger.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("success", "disk-db-1"), (answer.GetProperty("status").GetString(), answer.GetProperty("dedup_key").GetString()));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("pagerduty", """{"routing_key":"R0UT1NGKEY","event_action":"resolve","dedup_key":"disk-db-1"}""")).StatusCode);
    }

    [Theory]
    [InlineData("alertmanager", """{"version":"4","alerts":[{"labels":{"severity":"critical"}}]}""", "alerts[0].labels.alertname")]
    [InlineData("alertmanager", """{"version":"4"}""", "alerts")]
    [InlineData("alertmanager", """{"version":"4","alerts":[{"status":"exploded","labels":{"alertname":"X"}}]}""", "alerts[0].status")]
    [InlineData("api/v2/alerts", """[{"annotations":{}}]""", "[0].labels")]
    [InlineData("api/v2/alerts", """[{"labels":{"alertname":"X","severity":3}}]""", "[0].labels.severity")]
    [InlineData("api/v2/alerts", """[{"labels":{"alertname":"X","alertname":"Y"}}]""", "[0].labels.alertname")]
    [InlineData("api/v2/alerts", """[{"labels":{"alertname":"X"},"startsAt":"yesterday"}]""", "[0].startsAt")]
    [InlineData("api/v2/alerts", """[{"labels":{"alertname":"X"}},7]""", "[1]")]
    [InlineData("api/v2/alerts", """{"labels":{"alertname":"X"}}""", "body")]
    [InlineData("api/v2/alerts", """[{"labels":{"alertname":"X"}""", "body")]
    [InlineData("api/v2/alerts", "", "body")]
    [InlineData("alertmanager", """{"version":"4","alerts":[{"labels":{"alertname":"X"},"annotations":["a"]}]}""", "alerts[0].annotations")]
    [InlineData("alertmanager", """{"version":"4","truncatedAlerts":"many","alerts":[]}""", "truncatedAlerts")]
    [InlineData("pagerduty", """{"event_action":"explode"}""", "event_action")]
    [InlineData("pagerduty", """{"event_action":"trigger","payload":{"summary":"x","source":"y","severity":"loud"}}""", "payload.severity")]
    [InlineData("pagerduty", """{"event_action":"resolve"}""", "dedup_key")]
    public async Task AMalformedAlertIsAProblemNamingTheField(string path, string body, string field)
    {
        var response = await PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/dev-ingest/{path}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", "dev-ingest");
        return await fixture.Silo.Anonymous.SendAsync(request);
    }
}
