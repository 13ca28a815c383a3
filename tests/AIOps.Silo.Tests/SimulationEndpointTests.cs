using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIOps.Estate.Metrics;
using AIOps.Metrics.Prometheus;
using AIOps.Testing;
using static AIOps.Silo.Tests.Eventually;

namespace AIOps.Silo.Tests;

/// <summary>The embedded default's simulated estate through the real silo: scenarios, their effects, remediation, and a real Prometheus scraping it.</summary>
public sealed class SimulationEndpointTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task TheSiloComesUpWithASimulatedEstateSyncedIntoResourceGrains()
    {
        var status = await WaitForAsync(async () =>
        {
            var sources = await Http.GetFromJsonAsync<JsonElement[]>("/api/inventory/sources");
            var simulation = sources!.Single(s => s.GetProperty("source").GetString() == "simulation");
            return simulation.GetProperty("resources").GetInt32() > 200 && simulation.TryGetProperty("lastSuccessAt", out var at) && at.ValueKind != JsonValueKind.Null ? simulation : (JsonElement?)null;
        });
        var total = status.GetProperty("resources").GetInt32();
        var listed = await Http.GetFromJsonAsync<JsonElement>("/api/resources?limit=1");
        Assert.True(listed.GetProperty("total").GetInt32() >= total);
        foreach (var provider in new[] { "aws", "azure", "k8s", "tf" })
        {
            var page = await Http.GetFromJsonAsync<JsonElement>($"/api/resources?provider={provider}&limit=1");
            Assert.True(page.GetProperty("total").GetInt32() > 0, provider);
        }

        var node = (await Http.GetFromJsonAsync<JsonElement>("/api/resources?kind=node&limit=1")).GetProperty("items")[0].GetProperty("id").GetString()!;
        var topology = await Http.GetFromJsonAsync<JsonElement>($"/api/resources/{node}/topology?depth=1");
        Assert.Contains(topology.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("kind").GetString() == "pod");
        var report = await Http.GetFromJsonAsync<JsonElement>("/api/cost-optimization/reports");
        Assert.True(report.GetProperty("total").GetProperty("perHour").GetDecimal() > 0);
    }

    [Fact]
    public async Task AVolumeLeftBehindByATerminatedMachineIsRecommendedForDeletionWithItsCost()
    {
        // Orphan a volume: terminate an EC2 instance that has one (the first that qualifies).
        string? volume = null;
        foreach (var machine in (await Http.GetFromJsonAsync<JsonElement>("/api/resources?kind=ec2-instance&limit=100")).GetProperty("items").EnumerateArray())
        {
            using var started = await Http.PostAsync("/api/simulation/scenarios",
                new StringContent($$"""{"type":"orphaned-volume","targetId":"{{machine.GetProperty("id").GetString()}}"}""", System.Text.Encoding.UTF8, "application/json"));
            if (started.StatusCode == HttpStatusCode.Created)
            {
                var scenario = await started.Content.ReadFromJsonAsync<JsonElement>();
                volume = scenario.GetProperty("groundTruth").GetProperty("affectedIds").EnumerateArray().Select(a => a.GetString()).First(a => a!.Contains(":ebs:", StringComparison.Ordinal));
                break;
            }
        }

        Assert.NotNull(volume);
        var recommendation = await WaitForAsync(async () =>
        {
            var report = await Http.GetFromJsonAsync<JsonElement>("/api/cost-optimization/recommendations");
            return report.GetProperty("recommendations").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(r => r!.Value.GetProperty("resourceId").GetString() == volume);
        }, TimeSpan.FromSeconds(60));
        Assert.Equal("unattached-volume", recommendation.GetProperty("type").GetString());
        Assert.True(recommendation.GetProperty("estimatedMonthlySavings").GetDecimal() > 0);
        Assert.Equal(recommendation.GetProperty("monthlyCost").GetDecimal(), recommendation.GetProperty("estimatedMonthlySavings").GetDecimal());
        using var bad = await Http.GetAsync("/api/cost-optimization/recommendations?window=1s");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task ANodeFailureStartedOverHttpShowsInMetricsInventoryAndAlertsWithinSecondsAndARestartHealsIt()
    {
        var nodes = await Http.GetFromJsonAsync<JsonElement>("/api/resources?kind=node&limit=50");
        var node = nodes.GetProperty("items").EnumerateArray().Last().GetProperty("id").GetString()!;
        using var started = await Http.PostAsync("/api/simulation/scenarios", Json($$"""{"type":"node-failure","targetId":"{{node}}"}"""));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var scenario = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(node, scenario.GetProperty("groundTruth").GetProperty("rootCauseId").GetString());
        Assert.Contains(scenario.GetProperty("groundTruth").GetProperty("affectedIds").EnumerateArray(), id => id.GetString()!.Contains(":pod/", StringComparison.Ordinal));

        // The collector writes the estate's samples into the embedded store every 15 s; the query reads the store.
        await WaitForAsync(async () =>
        {
            var ready = await Http.GetFromJsonAsync<JsonElement[]>($"/api/metrics/query_range?metric=aiops_node_ready&resource={Uri.EscapeDataString(node)}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"))}&step=5s");
            var points = ready!.SingleOrDefault().ValueKind == JsonValueKind.Object ? ready![0].GetProperty("points").EnumerateArray().ToList() : [];
            return points.Count > 0 && points[^1].GetProperty("value").GetDouble() == 0 ? true : (bool?)null;
        }, TimeSpan.FromSeconds(45));
        await WaitForAsync(async () => (await Http.GetFromJsonAsync<JsonElement>($"/api/resources/{node}")).GetProperty("health").GetString() == "unhealthy" ? true : (bool?)null);
        var alert = await WaitForAsync(async () =>
        {
            var alerts = await Http.GetFromJsonAsync<JsonElement[]>("/api/simulation/alerts");
            return alerts!.Cast<JsonElement?>().FirstOrDefault(a => a!.Value.GetProperty("name").GetString() == "KubeNodeNotReady"
                && a.Value.GetProperty("labels").GetProperty("resource_id").GetString() == node);
        }, TimeSpan.FromSeconds(45));
        Assert.Equal("critical", alert.GetProperty("severity").GetString());

        using var restart = await Http.PostAsync("/api/simulation/actions", Json($$"""{"action":"restart","resourceId":"{{node}}"}"""));
        Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        Assert.Contains(scenario.GetProperty("id").GetString(), (await restart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolvedScenarioIds").EnumerateArray().Select(i => i.GetString()));
        await WaitForAsync(async () => (await Http.GetFromJsonAsync<JsonElement>($"/api/resources/{node}")).GetProperty("health").GetString() == "healthy" ? true : (bool?)null);
    }

    [Fact]
    public async Task AnAgentActionApprovedThroughTheOrchestratorRestartsAFailedNodeInTheEstate()
    {
        var nodes = await Http.GetFromJsonAsync<JsonElement>("/api/resources?kind=node&limit=50");
        var node = nodes.GetProperty("items").EnumerateArray().First().GetProperty("id").GetString()!;
        using var started = await Http.PostAsync("/api/simulation/scenarios", Json($$"""{"type":"node-failure","targetId":"{{node}}"}"""));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var scenarioId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await WaitForAsync(async () => (await Http.GetFromJsonAsync<JsonElement>($"/api/resources/{node}")).GetProperty("health").GetString() == "unhealthy" ? true : (bool?)null);

        using var operatorHttp = fixture.Silo.As("operator");
        using var approverHttp = fixture.Silo.As("approver");
        using var submitted = await operatorHttp.PostAsync("/api/actions", Json(
            $$"""{"agentId":"kubernetes","type":"restart","description":"reboot the NotReady node","targetResources":["{{node}}"],"riskLevel":"medium","estimatedImpact":"pods rescheduled","idempotencyKey":"sim-restart-{{Guid.NewGuid():N}}"}"""));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var submission = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var actionId = submission.GetProperty("action").GetProperty("id").GetString()!;
        if (submission.GetProperty("decision").GetProperty("verdict").GetString() == "needs-approval")
        {
            using var approved = await approverHttp.PostAsync($"/api/actions/{actionId}/approve", Json("""{"comment":"node is NotReady, reboot it"}"""));
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        var action = await WaitForAsync(async () =>
        {
            var current = await Http.GetFromJsonAsync<JsonElement>($"/api/actions/{actionId}");
            return current.GetProperty("status").GetString() is "completed" or "failed" ? current : (JsonElement?)null;
        }, TimeSpan.FromSeconds(60));
        Assert.Equal("completed", action.GetProperty("status").GetString());
        var scenario = await Http.GetFromJsonAsync<JsonElement>($"/api/simulation/scenarios/{scenarioId}");
        Assert.NotEqual("active", scenario.GetProperty("status").GetString());
        await WaitForAsync(async () => (await Http.GetFromJsonAsync<JsonElement>($"/api/resources/{node}")).GetProperty("health").GetString() == "healthy" ? true : (bool?)null);
    }

    [Theory]
    [InlineData("""{"type":"volcano"}""", "type")]
    [InlineData("""{"type":"memory-leak","targetId":"k8s:nowhere:deployment/x/y"}""", "targetId")]
    [InlineData("""{"type":"traffic-spike","intensity":-4}""", "intensity")]
    public async Task ABadScenarioRequestIsAProblemNamingTheFieldAndChangesNothing(string body, string field)
    {
        var before = await Http.GetStringAsync("/api/simulation/scenarios");
        using var response = await Http.PostAsync("/api/simulation/scenarios", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await Http.GetStringAsync("/api/simulation/scenarios"));
    }

    [Theory]
    [InlineData("", "metric")]
    [InlineData("metric=aiops_cpu_utilization_ratio&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("metric=aiops_cpu_utilization_ratio&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&step=1s", "step")]
    [InlineData("metric=aiops_cpu_utilization_ratio&step=fast", "step")]
    [InlineData("metric=aiops_cpu_utilization_ratio&to=yesterday", "to")]
    public async Task ABadMetricsQueryIsAProblemNamingTheParameter(string query, string field)
    {
        using var response = await Http.GetAsync("/api/metrics/query_range?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task ARealPrometheusScrapesTheSilosMetricsAndTheyReadBackThroughThePrometheusSource()
    {
        await using var prometheus = await PrometheusServer.StartAsync([$"127.0.0.1:{fixture.Silo.HttpPort}"], TimeSpan.FromSeconds(1));
        using var http = new HttpClient();
        var source = new PrometheusMetricsSource(http, new PrometheusOptions { BaseAddress = prometheus.BaseAddress });
        var exposition = await fixture.Silo.Anonymous.GetStringAsync("/metrics");
        var line = exposition.Split('\n').First(l => l.StartsWith("aiops_cost_per_hour{", StringComparison.Ordinal));
        var resource = line[(line.IndexOf("resource_id=\"", StringComparison.Ordinal) + 13)..];
        resource = resource[..resource.IndexOf('"', StringComparison.Ordinal)];
        var expected = double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        MetricSeries? series = null;
        await WaitForAsync<bool>(async () =>
        {
            var now = DateTimeOffset.UtcNow;
            var found = await source.QueryRangeAsync(new MetricQuery("aiops_cost_per_hour",
                ImmutableSortedDictionary<string, string>.Empty.Add("resource_id", resource), now.AddMinutes(-1), now, TimeSpan.FromSeconds(1)), CancellationToken.None);
            series = found.Count == 1 && found[0].Points.Length > 0 ? found[0] : null;
            return series is null ? null : true;
        }, TimeSpan.FromSeconds(60));
        Assert.Equal(expected, series!.Points[^1].Value, 6);
        Assert.Equal("aiops", series.Labels["job"]);
        Assert.True(series.Labels.ContainsKey("kind"));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
