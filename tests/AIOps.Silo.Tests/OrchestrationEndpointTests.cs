using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AIOps.Silo.Tests;

public sealed class OrchestrationEndpointTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Uri Path(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task AnActionSubmittedOverHttpIsJudgedAndWaitsInTheApprovalInbox()
    {
        const string resource = "k8s:prod:deployment/shop/checkout";
        Assert.Equal(HttpStatusCode.OK, (await Http.PutAsync(Path($"/api/resources/{resource}"), Json(
            """{"provider":"k8s","kind":"deployment","name":"checkout","location":"prod/shop","tags":{"env":"prod"},"costPerHour":0.3}"""))).StatusCode);

        using var operatorHttp = fixture.Silo.As("operator");
        using var approverHttp = fixture.Silo.As("approver");
        var response = await operatorHttp.PostAsync(Path("/api/actions"), Json(
            $$"""{"agentId":"kubernetes","type":"scale","description":"scale checkout 4 → 6","targetResources":["{{resource}}"],"riskLevel":"medium","estimatedImpact":"+2 pods","idempotencyKey":"hpa-2026-11-27T10:00"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var submission = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("needs-approval", submission.GetProperty("decision").GetProperty("verdict").GetString());
        Assert.Equal("production", submission.GetProperty("decision").GetProperty("environment").GetString());
        var id = submission.GetProperty("action").GetProperty("id").GetString()!;

        var pending = await approverHttp.GetFromJsonAsync<JsonElement[]>(Path("/api/approvals/pending"));
        Assert.Contains(pending!, a => a.GetProperty("actionId").GetString() == id);
        var approval = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/actions/{id}/approval"));
        Assert.Equal(("pending", "dev-operator"), (approval.GetProperty("status").GetString(), approval.GetProperty("requestedBy").GetString()));

        var again = await (await Http.PostAsync(Path("/api/actions"), Json(
            $$"""{"agentId":"kubernetes","type":"scale","description":"scale checkout 4 → 6","targetResources":["{{resource}}"],"riskLevel":"medium","estimatedImpact":"+2 pods","idempotencyKey":"hpa-2026-11-27T10:00"}"""))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(id, again.GetProperty("action").GetProperty("id").GetString());
    }

    [Fact]
    public async Task RoutingRulesArePublishedAndEventsAreRoutedByThem()
    {
        var table = await Http.GetFromJsonAsync<JsonElement>(Path("/api/orchestration/routing-rules"));
        Assert.Contains(table.GetProperty("rules").EnumerateArray(), r => r.GetProperty("agentId").GetString() == "incident-response");
        var routed = await Http.PostAsync(Path("/api/orchestration/events"), Json(
            """{"id":"evt-http-1","type":"alert.firing","source":"alertmanager","severity":"high","data":{"alertname":"HighErrorRate"},"timestamp":"2026-11-27T10:00:00Z","resourceId":"k8s:prod:deployment/shop/cart"}"""));
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        Assert.Contains("incident-response", (await routed.Content.ReadFromJsonAsync<string[]>())!);
    }

    [Fact]
    public async Task BadInputIsAProblemThatNamesTheFieldAndChangesNothing()
    {
        var unknown = await Http.PostAsync(Path("/api/actions"), Json(
            """{"agentId":"ghost","type":"scale","description":"d","targetResources":["r"],"riskLevel":"low","estimatedImpact":"","idempotencyKey":"k"}"""));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("agent 'ghost'", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var policy = await Http.GetFromJsonAsync<JsonElement>(Path("/api/orchestration/policy"));
        var broken = policy.GetRawText().Replace("\"maxBlastRadius\":50", "\"maxBlastRadius\":0", StringComparison.Ordinal);
        var refused = await Http.PutAsync(Path("/api/orchestration/policy"), Json(broken));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("maxBlastRadius", out _));
        Assert.Equal(50, (await Http.GetFromJsonAsync<JsonElement>(Path("/api/orchestration/policy"))).GetProperty("maxBlastRadius").GetInt32());

        var rules = await Http.PutAsync(Path("/api/orchestration/routing-rules"), Json("""[{"id":"","agentId":"x","eventTypes":["a*b"],"sources":[]}]"""));
        Assert.Equal(HttpStatusCode.BadRequest, rules.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(Path("/api/actions/act-nope/approval"))).StatusCode);
    }
}
