using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static AIOps.Silo.Tests.Eventually;

namespace AIOps.Silo.Tests;

/// <summary>
/// The incident response agent fixing a known fault on its own: with the agent in semi-auto mode, a node failure is
/// correlated, classified and its bound runbook started by the agent; the orchestrator asks for approval, an approver
/// grants it, the node is rebooted and the incident resolves without anyone opening it.
/// </summary>
public sealed class IncidentRemediationTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task InSemiAutoModeTheAgentRunsTheBoundRunbookAndTheIncidentResolves()
    {
        using var configured = await Http.PostAsync("/api/agents/config", Json(
            """{"id":"incident-response","name":"Incident Response","type":"incident-response","enabled":true,"automationLevel":"semi-auto","thresholds":{"correlation.windowSeconds":300},"approvalRequired":true,"integrations":[]}"""));
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);

        var nodes = await Http.GetFromJsonAsync<JsonElement>("/api/resources?kind=node&limit=50");
        var node = nodes.GetProperty("items").EnumerateArray().Last().GetProperty("id").GetString()!;
        using var started = await Http.PostAsync("/api/simulation/scenarios", Json($$"""{"type":"node-failure","targetId":"{{node}}"}"""));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var scenarioId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // Correlated and classified: the incident knows it is a node failure and says why.
        var incident = await WaitForAsync(async () =>
        {
            var page = await Http.GetFromJsonAsync<JsonElement>("/api/incidents?limit=200");
            foreach (var id in page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()))
            {
                var candidate = await Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
                if (candidate.GetProperty("affectedResources").EnumerateArray().Any(r => r.GetString() == node)
                    && candidate.TryGetProperty("classification", out var c) && c.ValueKind == JsonValueKind.Object)
                {
                    return candidate;
                }
            }

            return (JsonElement?)null;
        }, TimeSpan.FromSeconds(90));
        var incidentId = incident.GetProperty("id").GetString()!;
        var classification = incident.GetProperty("classification");
        Assert.Equal("node-failure", classification.GetProperty("type").GetString());
        Assert.NotEmpty(classification.GetProperty("explanation").GetString()!);
        Assert.NotEmpty(incident.GetProperty("severityReasons").EnumerateArray());

        // The agent started the bound runbook itself; its reboot waits for a person's approval.
        var action = await WaitForAsync(async () =>
        {
            var actions = await Http.GetFromJsonAsync<JsonElement>($"/api/actions?agentId=incident-response&resource={Uri.EscapeDataString(node)}");
            return actions.GetProperty("items").EnumerateArray().Cast<JsonElement?>().FirstOrDefault();
        }, TimeSpan.FromSeconds(60));
        var actionId = action.GetProperty("id").GetString();
        var timeline = await Http.GetStringAsync($"/api/incidents/{incidentId}/timeline");
        Assert.Contains("runbook execution started", timeline, StringComparison.Ordinal);
        Assert.Contains("agent:incident-response", timeline, StringComparison.Ordinal);

        using var approverHttp = fixture.Silo.As("approver");
        await WaitForAsync(async () =>
        {
            using var response = await Http.GetAsync($"/api/actions/{actionId}/approval");
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("pending", StringComparison.Ordinal) ? true : (bool?)null;
        }, TimeSpan.FromSeconds(30));
        using var approved = await approverHttp.PostAsync($"/api/actions/{actionId}/approve", Json("""{"comment":"agent's runbook for a NotReady node"}"""));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var resolved = await WaitForAsync(async () =>
        {
            var current = await Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{incidentId}");
            return current.GetProperty("status").GetString() == "resolved" ? current : (JsonElement?)null;
        }, TimeSpan.FromMinutes(4));
        Assert.True(resolved.GetProperty("automatedResolution").GetBoolean());
        Assert.Equal("resolved", (await Http.GetFromJsonAsync<JsonElement>($"/api/simulation/scenarios/{scenarioId}")).GetProperty("status").GetString());
        var markdown = await Http.GetStringAsync($"/api/incidents/{incidentId}/postmortem");
        Assert.Contains("runbook", markdown, StringComparison.Ordinal);
        Assert.Contains("node-failure", markdown, StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
