using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static AIOps.Silo.Tests.Eventually;

namespace AIOps.Silo.Tests;

/// <summary>
/// The incident response agent on the embedded silo: a fault injected into the simulated estate becomes one incident
/// holding its alerts (node and pods together), analysed down to the right root cause, with a postmortem and a
/// noise-reduction report; fixing the fault resolves it.
/// </summary>
public sealed class IncidentCorrelationTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task ANodeFailureBecomesOneIncidentWithItsPodsRootCausedToTheNodeAndResolvesWhenFixed()
    {
        var nodes = await Http.GetFromJsonAsync<JsonElement>("/api/resources?kind=node&limit=50");
        var node = nodes.GetProperty("items").EnumerateArray().First().GetProperty("id").GetString()!;
        using var started = await Http.PostAsync("/api/simulation/scenarios", Json($$"""{"type":"node-failure","targetId":"{{node}}"}"""));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var scenario = await started.Content.ReadFromJsonAsync<JsonElement>();
        var affected = scenario.GetProperty("groundTruth").GetProperty("affectedIds").EnumerateArray().Select(i => i.GetString()!).ToHashSet(StringComparer.Ordinal);

        // The node's alert and its pods' alerts arrive within seconds (alert hold times are scaled down in the embedded defaults).
        var incident = await WaitForAsync(async () =>
        {
            foreach (var id in await OpenIncidentIdsAsync())
            {
                var candidate = await Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
                var alerts = candidate.GetProperty("alerts").EnumerateArray().ToList();
                if (alerts.Any(a => a.GetProperty("name").GetString() == "KubeNodeNotReady" && a.GetProperty("resourceId").GetString() == node)
                    && alerts.Any(a => a.GetProperty("name").GetString() == "TargetDown"))
                {
                    return candidate;
                }
            }

            return (JsonElement?)null;
        }, TimeSpan.FromSeconds(60));
        var incidentId = incident.GetProperty("id").GetString()!;

        // Right grouping: every alert of the incident is on a resource the fault touched, and no other incident holds this fault's alerts.
        Assert.All(incident.GetProperty("alerts").EnumerateArray(), a => Assert.Contains(a.GetProperty("resourceId").GetString()!, affected));
        Assert.Contains(node, incident.GetProperty("affectedResources").EnumerateArray().Select(r => r.GetString()));
        foreach (var other in (await OpenIncidentIdsAsync()).Where(id => id != incidentId))
        {
            var alerts = (await Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{other}")).GetProperty("alerts").EnumerateArray();
            Assert.DoesNotContain(alerts, a => affected.Contains(a.GetProperty("resourceId").GetString() ?? ""));
        }

        // Root-cause analysis names the node, with evidence.
        var analysed = await WaitForAsync(async () =>
        {
            var current = await Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{incidentId}");
            var causes = current.GetProperty("rootCauses").EnumerateArray().ToList();
            return causes.Count > 0 && causes[0].GetProperty("resourceId").GetString() == node ? current : (JsonElement?)null;
        }, TimeSpan.FromSeconds(30));
        Assert.NotEmpty(analysed.GetProperty("rootCauses")[0].GetProperty("evidence").EnumerateArray());

        var timeline = await Http.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{incidentId}/timeline");
        Assert.Contains(timeline!, e => e.GetProperty("summary").GetString()!.StartsWith("Analysis:", StringComparison.Ordinal));

        using var postmortem = await Http.GetAsync($"/api/incidents/{incidentId}/postmortem");
        Assert.Equal(HttpStatusCode.OK, postmortem.StatusCode);
        Assert.Equal("text/markdown", postmortem.Content.Headers.ContentType!.MediaType);
        var markdown = await postmortem.Content.ReadAsStringAsync();
        Assert.Contains("## Root cause", markdown, StringComparison.Ordinal);
        Assert.Contains($"`{node}`", markdown, StringComparison.Ordinal);

        var noise = await Http.GetFromJsonAsync<JsonElement>("/api/incidents/noise-reduction");
        var simulation = noise.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "simulation");
        Assert.True(simulation.GetProperty("notifications").GetInt64() >= incident.GetProperty("alerts").GetArrayLength());
        Assert.True(simulation.GetProperty("incidents").GetInt32() >= 1);
        Assert.True(noise.GetProperty("reduction").GetDouble() > 0);

        // Fixing the node resolves its alerts, and with them the incident, without a person.
        using var restart = await Http.PostAsync("/api/simulation/actions", Json($$"""{"action":"restart","resourceId":"{{node}}"}"""));
        Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        var resolved = await WaitForAsync(async () =>
        {
            var current = await Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{incidentId}");
            return current.GetProperty("status").GetString() == "resolved" ? current : (JsonElement?)null;
        }, TimeSpan.FromSeconds(90));
        Assert.True(resolved.GetProperty("automatedResolution").GetBoolean());
        Assert.All(resolved.GetProperty("alerts").EnumerateArray(), a => Assert.NotEqual(JsonValueKind.Null, a.GetProperty("endsAt").ValueKind));
    }

    [Fact]
    public async Task PostmortemsAndNotesOfUnknownIncidentsAreProblemsNotErrors()
    {
        using var missing = await Http.GetAsync("/api/incidents/inc-none/postmortem");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);

        using var created = await Http.PostAsync("/api/incidents", Json("""{"title":"Manual","severity":"low"}"""));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var empty = await Http.PostAsync($"/api/incidents/{id}/notes", Json("""{"text":" "}"""));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("text", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var note = await Http.PostAsync($"/api/incidents/{id}/notes", Json("""{"text":"Customer reports slowness since 11:40"}"""));
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        var timeline = await Http.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/timeline");
        Assert.Contains(timeline!, e => e.GetProperty("summary").GetString() == "note: Customer reports slowness since 11:40");
    }

    private async Task<List<string>> OpenIncidentIdsAsync()
    {
        var page = await Http.GetFromJsonAsync<JsonElement>("/api/incidents?limit=200");
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("status").GetString() is "open" or "investigating")
            .Select(i => i.GetProperty("id").GetString()!)];
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
