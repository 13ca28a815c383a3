using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIOps.Testing;
using static AIOps.Silo.Tests.Eventually;

namespace AIOps.Silo.Tests;

/// <summary>
/// The whole alert path with the real tools: the silo's <c>/metrics</c> (the simulated estate) scraped by a real
/// Prometheus whose rules fire on a node failure, a real Alertmanager receiving them and posting its webhook to the
/// silo with the source token, and the alerts in the alert store exactly as Alertmanager sent them.
/// </summary>
public sealed class AlertmanagerDeliveryTests
{
    private const string Rules = """
        groups:
          - name: estate
            interval: 1s
            rules:
              - alert: KubeNodeNotReady
                expr: aiops_node_ready == 0
                for: 2s
                labels:
                  severity: critical
                annotations:
                  summary: "Node {{ $labels.resource_id }} is not ready."
              - alert: KubePodDown
                expr: aiops_up{kind="pod"} == 0
                for: 2s
                labels:
                  severity: warning
                annotations:
                  summary: "Pod {{ $labels.resource_id }} is down."
        """;

    [Fact]
    public async Task ANodeFailureReachesTheAlertStoreThroughPrometheusAndAlertmanagerVerbatim()
    {
        await using var silo = await SiloProcess.StartAsync();
        var webhook = new Uri(silo.BaseAddress, "/api/ingest/dev-ingest/alertmanager");
        await using var alertmanager = await AlertmanagerServer.StartAsync(webhook, "dev-ingest", groupBy: ["alertname"]);
        await using var prometheus = await PrometheusServer.StartAsync(
            [$"127.0.0.1:{silo.HttpPort}"], TimeSpan.FromSeconds(1), ruleFiles: [Rules], alertmanagers: [$"127.0.0.1:{alertmanager.Port}"]);
        using var viewer = silo.As("viewer");
        using var operatorClient = silo.As("operator");
        var nodes = await viewer.GetFromJsonAsync<JsonElement>("/api/resources?kind=node&limit=50");
        var node = nodes.GetProperty("items").EnumerateArray().Last().GetProperty("id").GetString()!;

        using var started = await operatorClient.PostAsync("/api/simulation/scenarios", new StringContent($$"""{"type":"node-failure","targetId":"{{node}}"}""", Encoding.UTF8, "application/json"));
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var affected = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("groundTruth").GetProperty("affectedIds")
            .EnumerateArray().Select(i => i.GetString()!).ToHashSet(StringComparer.Ordinal);
        var pods = affected.Where(i => i.Contains(":pod/", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(pods);

        var stored = await WaitForAsync(async () =>
        {
            var page = await viewer.GetFromJsonAsync<JsonElement>("/api/alerts?source=dev-ingest&status=firing&limit=500");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            var nodeAlert = items.FirstOrDefault(a => a.GetProperty("resourceId").GetString() == node);
            var podAlerts = items.Where(a => pods.Contains(a.GetProperty("resourceId").GetString() ?? "")).ToList();
            return nodeAlert.ValueKind == JsonValueKind.Object && podAlerts.Count == pods.Count ? (nodeAlert, podAlerts) : ((JsonElement, List<JsonElement>)?)null;
        }, TimeSpan.FromSeconds(45), () => $"Prometheus:\n{prometheus.Output}\nAlertmanager:\n{alertmanager.Output}");

        var (nodeAlert, podAlerts) = stored;
        var labels = nodeAlert.GetProperty("labels");
        Assert.Equal("KubeNodeNotReady", labels.GetProperty("alertname").GetString());
        Assert.Equal("critical", labels.GetProperty("severity").GetString());
        Assert.Equal(node, labels.GetProperty("resource_id").GetString());
        Assert.Equal(node.Split(':')[1], labels.GetProperty("cluster").GetString());
        Assert.Equal($"127.0.0.1:{silo.HttpPort}", labels.GetProperty("instance").GetString());
        Assert.Equal($"Node {node} is not ready.", nodeAlert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.All(podAlerts, a => Assert.Equal("KubePodDown", a.GetProperty("labels").GetProperty("alertname").GetString()));

        // Alertmanager's own view of the alert: same fingerprint, same labels, same start.
        using var http = new HttpClient { BaseAddress = alertmanager.BaseAddress };
        var inAlertmanager = (await http.GetFromJsonAsync<JsonElement[]>("api/v2/alerts?filter=alertname%3D%22KubeNodeNotReady%22"))!;
        var original = Assert.Single(inAlertmanager);
        Assert.Equal(original.GetProperty("fingerprint").GetString(), nodeAlert.GetProperty("fingerprint").GetString());
        Assert.Equal(original.GetProperty("startsAt").GetDateTimeOffset(), nodeAlert.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(
            original.GetProperty("labels").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name, StringComparer.Ordinal),
            labels.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name, StringComparer.Ordinal));

        // AIOps computes the same fingerprint from the labels (as it does for Prometheus' API v2 alerts, which carry none).
        Assert.All(podAlerts.Append(nodeAlert), a => Assert.Equal(
            a.GetProperty("fingerprint").GetString(),
            AIOps.Silo.Ingestion.AlertFormats.Fingerprint(a.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal))));

        var stats = await viewer.GetFromJsonAsync<JsonElement>("/api/ingest/stats");
        var source = stats.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "dev-ingest");
        Assert.True(source.GetProperty("uniqueAlerts").GetInt64() >= 1 + pods.Count, source.ToString());
        Assert.True(source.GetProperty("firing").GetInt64() >= 1 + pods.Count, source.ToString());
        Assert.Equal(0, source.GetProperty("rejected").GetInt64());

        // The incident: Alertmanager's node and pod alerts in one incident (with the estate's own alerts on the same
        // resources, another source), every alert on a resource the fault touched, and no other incident holding any.
        var keys = podAlerts.Append(nodeAlert).Select(a => "dev-ingest/" + a.GetProperty("fingerprint").GetString()).ToHashSet(StringComparer.Ordinal);
        var incident = await WaitForAsync(async () =>
        {
            var page = await viewer.GetFromJsonAsync<JsonElement>("/api/incidents?limit=200");
            foreach (var id in page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()))
            {
                var candidate = await viewer.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
                var held = candidate.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("key").GetString()!).ToHashSet(StringComparer.Ordinal);
                if (keys.IsSubsetOf(held))
                {
                    return candidate;
                }
            }

            return (JsonElement?)null;
        }, TimeSpan.FromSeconds(30), () => "No incident holds all of Alertmanager's alerts for the fault.");
        var incidentAlerts = incident.GetProperty("alerts").EnumerateArray().ToList();
        Assert.All(incidentAlerts, a => Assert.Contains(a.GetProperty("resourceId").GetString()!, affected));
        Assert.Contains(node, incident.GetProperty("affectedResources").EnumerateArray().Select(r => r.GetString()));
        Assert.All(pods, p => Assert.Contains(p, incident.GetProperty("affectedResources").EnumerateArray().Select(r => r.GetString())));
        var page = await viewer.GetFromJsonAsync<JsonElement>("/api/incidents?limit=200");
        foreach (var other in page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Where(i => i != incident.GetProperty("id").GetString()))
        {
            var otherIncident = await viewer.GetFromJsonAsync<JsonElement>($"/api/incidents/{other}");
            Assert.DoesNotContain(otherIncident.GetProperty("alerts").EnumerateArray(), a => affected.Contains(a.GetProperty("resourceId").GetString() ?? ""));
        }

        var analysed = await WaitForAsync(async () =>
        {
            var current = await viewer.GetFromJsonAsync<JsonElement>($"/api/incidents/{incident.GetProperty("id").GetString()}");
            var causes = current.GetProperty("rootCauses").EnumerateArray().ToList();
            return causes.Count > 0 ? current : (JsonElement?)null;
        }, TimeSpan.FromSeconds(30), () => "The incident was not analysed.");
        Assert.Equal(node, analysed.GetProperty("rootCauses")[0].GetProperty("resourceId").GetString());
        var noise = await viewer.GetFromJsonAsync<JsonElement>("/api/incidents/noise-reduction");
        Assert.Contains(noise.GetProperty("sources").EnumerateArray(), s => s.GetProperty("source").GetString() == "dev-ingest" && s.GetProperty("incidents").GetInt32() >= 1);
    }
}
