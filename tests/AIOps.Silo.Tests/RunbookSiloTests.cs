using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static AIOps.Silo.Tests.Eventually;

namespace AIOps.Silo.Tests;

/// <summary>Runbooks through a real silo process: catalog, dry run without side effects, and a node failure fixed through the orchestrator.</summary>
public sealed class RunbookSiloTests(RunbookSiloFixture fixture) : IClassFixture<RunbookSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task ANodeFailureIsFixedByItsRunbookThroughTheOrchestratorAndTheIncidentResolvesItself()
    {
        var node = await WaitForObjectAsync(async () =>
        {
            var nodes = await Http.GetFromJsonAsync<JsonElement>("/api/resources?kind=node&limit=50");
            var items = nodes.GetProperty("items");
            return items.GetArrayLength() > 1 ? items[1].GetProperty("id").GetString() : null;
        }, TimeSpan.FromSeconds(60));
        using var started = await Http.PostAsync("/api/simulation/scenarios", Json($$"""{"type":"node-failure","targetId":"{{node}}"}"""));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var scenarioId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await WaitForObjectAsync(async () => (await Http.GetFromJsonAsync<JsonElement>($"/api/resources/{node}")).GetProperty("health").GetString() == "unhealthy" ? "" : null);

        using var operatorHttp = fixture.Silo.As("operator");
        using var approverHttp = fixture.Silo.As("approver");
        using var opened = await operatorHttp.PostAsync("/api/incidents", Json($$"""{"title":"Node NotReady","description":"KubeNodeNotReady","severity":"critical","affectedResources":["{{node}}"]}"""));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var incidentId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // Dry run: every step with its verdict and prediction, and nothing changes anywhere.
        var timelineBefore = await Http.GetStringAsync($"/api/incidents/{incidentId}/timeline");
        var verdictsBefore = await Http.GetStringAsync("/api/audit?action=policy&limit=20");
        var actionsBefore = await Http.GetStringAsync("/api/actions?limit=200");
        using var dry = await operatorHttp.PostAsync("/api/runbooks/node-failure/dry-run", Json($$"""{"incidentId":"{{incidentId}}"}"""));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var plan = await dry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(node, plan.GetProperty("parameters").GetProperty("node").GetString());
        var reboot = plan.GetProperty("steps")[0];
        Assert.Equal("restart", reboot.GetProperty("action").GetString());
        Assert.Equal(node, reboot.GetProperty("target").GetString());
        Assert.Equal("needs-approval", reboot.GetProperty("verdict").GetString());
        Assert.True(reboot.GetProperty("needsApproval").GetBoolean());
        var predicted = reboot.GetProperty("predictedSuccess").GetDouble();
        Assert.InRange(predicted, 0, 1);
        Assert.True(reboot.GetProperty("parameters").TryGetProperty("predictedSuccess", out _));
        Assert.Equal("wait", plan.GetProperty("steps")[1].GetProperty("action").GetString());
        Assert.Equal(timelineBefore, await Http.GetStringAsync($"/api/incidents/{incidentId}/timeline"));
        Assert.Equal(verdictsBefore, await Http.GetStringAsync("/api/audit?action=policy&limit=20"));
        Assert.Equal(actionsBefore, await Http.GetStringAsync("/api/actions?limit=200"));
        Assert.Equal("active", (await Http.GetFromJsonAsync<JsonElement>($"/api/simulation/scenarios/{scenarioId}")).GetProperty("status").GetString());

        using var execute = await operatorHttp.PostAsync("/api/runbooks/node-failure/execute", Json($$"""{"incidentId":"{{incidentId}}"}"""));
        Assert.Equal(HttpStatusCode.Accepted, execute.StatusCode);
        var executionId = (await execute.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("executionId").GetString();

        // The restart went to the orchestrator as an incident-response action, which policy sends for approval.
        var actionId = await WaitForObjectAsync(async () =>
        {
            var execution = await Http.GetFromJsonAsync<JsonElement>($"/api/runbooks/executions/{executionId}");
            Assert.True(execution.GetProperty("status").GetString() == "running", execution.ToString());
            return execution.GetProperty("steps")[0].TryGetProperty("actionId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }, TimeSpan.FromSeconds(60));
        var approval = await WaitForObjectAsync(async () =>
        {
            using var response = await Http.GetAsync($"/api/actions/{actionId}/approval");
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
        });
        Assert.Contains("pending", approval, StringComparison.Ordinal);
        var action = await Http.GetFromJsonAsync<JsonElement>($"/api/actions/{actionId}");
        Assert.Equal("incident-response", action.GetProperty("agentId").GetString());
        Assert.Contains("predictedSuccess=", action.GetProperty("estimatedImpact").GetString(), StringComparison.Ordinal);
        using var approved = await approverHttp.PostAsync($"/api/actions/{actionId}/approve", Json("""{"comment":"runbook reboot of the NotReady node"}"""));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var doneText = await WaitForObjectAsync(async () =>
        {
            var execution = await Http.GetFromJsonAsync<JsonElement>($"/api/runbooks/executions/{executionId}");
            return execution.GetProperty("status").GetString() is "succeeded" or "failed" ? execution.GetRawText() : null;
        }, TimeSpan.FromMinutes(4));
        var done = JsonDocument.Parse(doneText).RootElement;
        Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        Assert.True(done.GetProperty("verified").GetBoolean());
        Assert.Equal("resolved", (await Http.GetFromJsonAsync<JsonElement>($"/api/simulation/scenarios/{scenarioId}")).GetProperty("status").GetString());
        Assert.Equal("completed", (await Http.GetFromJsonAsync<JsonElement>($"/api/actions/{actionId}")).GetProperty("status").GetString());

        var incident = await Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{incidentId}");
        Assert.Equal("resolved", incident.GetProperty("status").GetString());
        Assert.True(incident.GetProperty("automatedResolution").GetBoolean());
        var timeline = await Http.GetStringAsync($"/api/incidents/{incidentId}/timeline");
        Assert.Contains("step 1/3 'reboot the node'", timeline, StringComparison.Ordinal);
        Assert.Contains("step 2/3 'wait for the node to be Ready'", timeline, StringComparison.Ordinal);
        Assert.Contains("step 3/3 'tell on-call'", timeline, StringComparison.Ordinal);
        var hook = Assert.Single(fixture.Received, r => r.Key == $"{executionId}:2");
        Assert.Contains(node!, hook.Body, StringComparison.Ordinal);
        var audit = await Http.GetStringAsync("/api/audit?action=runbook&limit=20");
        Assert.Contains(executionId!, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunbooksAreListedReplacedWithValidationAndBuiltInsCannotBeLost()
    {
        var list = await Http.GetFromJsonAsync<JsonElement[]>("/api/runbooks");
        Assert.Equal(9, list!.Count(r => r.GetProperty("builtIn").GetBoolean()));
        var detail = await Http.GetFromJsonAsync<JsonElement>("/api/runbooks/memory-leak");
        Assert.Contains("incidentTypes", detail.GetProperty("yaml").GetString(), StringComparison.Ordinal);
        Assert.Equal("restart", detail.GetProperty("parsed").GetProperty("steps")[0].GetProperty("action").GetString());

        using var bad = await Http.PutAsync("/api/runbooks/mine", Yaml("id: mine\nincidentTypes: [memory-leak]\nsteps:\n  - action: reboot\n    target: x\n"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("unknown action 'reboot' (line 4)", problem.GetProperty("errors").GetProperty("steps[0].action")[0].GetString(), StringComparison.Ordinal);

        using var operatorHttp = fixture.Silo.As("operator");
        using var forbidden = await operatorHttp.PutAsync("/api/runbooks/mine", Yaml("id: mine\nincidentTypes: [memory-leak]\nsteps:\n  - action: restart\n    target: x\n"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var replacement = (await Http.GetFromJsonAsync<JsonElement>("/api/runbooks/memory-leak")).GetProperty("yaml").GetString()!.Replace("threshold: 0.9", "threshold: 0.85", StringComparison.Ordinal);
        using var put = await Http.PutAsync("/api/runbooks/memory-leak", Yaml(replacement));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("overridden").GetBoolean());
        Assert.Contains("0.85", (await Http.GetFromJsonAsync<JsonElement>("/api/runbooks/memory-leak")).GetProperty("yaml").GetString(), StringComparison.Ordinal);

        using var reverted = await Http.DeleteAsync("/api/runbooks/memory-leak");
        Assert.Equal(HttpStatusCode.OK, reverted.StatusCode);
        Assert.False((await reverted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("overridden").GetBoolean());
        using var refused = await Http.DeleteAsync("/api/runbooks/memory-leak");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("threshold: 0.9", (await Http.GetFromJsonAsync<JsonElement>("/api/runbooks/memory-leak")).GetProperty("yaml").GetString(), StringComparison.Ordinal);
        Assert.Contains("runbook.changed", await Http.GetStringAsync("/api/audit?action=runbook&limit=20"), StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static StringContent Yaml(string body) => new(body, Encoding.UTF8, "application/yaml");
}
