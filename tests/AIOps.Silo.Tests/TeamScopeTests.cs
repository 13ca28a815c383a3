using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIOps.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace AIOps.Silo.Tests;

/// <summary>A client limited to one team sees and acts on that team's resources and incidents (and unowned ones), and nothing of another team's.</summary>
public sealed class TeamScopeTests : IAsyncLifetime
{
    private const string Secret = "payments-operator-secret-3f9a";
    private SiloProcess _silo = null!;
    private HttpClient _payments = null!;

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Simulation__Enabled"] = "false",
            ["AIOps__Identity__Clients__0__ClientId"] = "payments-operator",
            ["AIOps__Identity__Clients__0__ClientSecret"] = Secret,
            ["AIOps__Identity__Clients__0__Roles__0"] = "operator",
            ["AIOps__Identity__Clients__0__Teams__0"] = "Payments",
        });
        var (token, _) = await _silo.Tokens.RequestAsync("payments-operator", Secret);
        _payments = new HttpClient { BaseAddress = _silo.BaseAddress };
        _payments.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    public async Task DisposeAsync()
    {
        _payments.Dispose();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task ATeamSeesAndActsOnItsOwnAndUnownedEntitiesOnly()
    {
        var admin = _silo.Http;
        foreach (var (id, team, cost) in new[] { ("vm:pay-1", "payments", 2.0m), ("vm:search-1", "search", 5.0m), ("vm:shared-1", null, 1.0m) })
        {
            var tags = team is null ? "{}" : $$"""{"team":"{{team}}"}""";
            var put = await admin.PutAsync($"/api/resources/{id}", Json($$"""{"provider":"aws","kind":"ec2","name":"{{id}}","location":"eu","tags":{{tags}},"costPerHour":{{cost}}}"""));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var searchIncident = await OpenAsync(admin, """{"title":"Search latency","team":"search"}""");
        var paymentsIncident = await OpenAsync(admin, """{"title":"Card declines","team":"payments"}""");

        // Lists.
        var resources = await _payments.GetFromJsonAsync<JsonElement>("/api/resources?limit=100");
        Assert.Equal(["vm:pay-1", "vm:shared-1"], Ids(resources).Order());
        var incidents = await _payments.GetFromJsonAsync<JsonElement>("/api/incidents");
        Assert.Equal([paymentsIncident], Ids(incidents));
        var report = await _payments.GetFromJsonAsync<JsonElement>("/api/cost-optimization/reports");
        Assert.Equal(3.0m, report.GetProperty("total").GetProperty("perHour").GetDecimal());
        var all = await admin.GetFromJsonAsync<JsonElement>("/api/cost-optimization/reports");
        Assert.Equal(8.0m, all.GetProperty("total").GetProperty("perHour").GetDecimal());
        // Spend over time spans teams by provider; by team, only the caller's (and the untagged) come back.
        using (var byProvider = await _payments.GetAsync("/api/cost-optimization/trend?by=provider"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byProvider.StatusCode);
        }

        var byTeam = await _payments.GetFromJsonAsync<JsonElement>("/api/cost-optimization/trend?by=team");
        Assert.All(byTeam.GetProperty("series").EnumerateArray(), s => Assert.Contains(s.GetProperty("key").GetString(), new[] { "payments", "(none)" }));

        // Single entities of another team do not exist for this caller, and cannot be changed.
        Assert.Equal(HttpStatusCode.NotFound, (await _payments.GetAsync("/api/resources/vm:search-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _payments.GetAsync("/api/resources/vm:shared-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _payments.GetAsync($"/api/incidents/{searchIncident}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _payments.GetAsync($"/api/incidents/{searchIncident}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _payments.PostAsync($"/api/incidents/{searchIncident}/resolve", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _payments.DeleteAsync("/api/resources/vm:search-1")).StatusCode);
        var stillOpen = await admin.GetFromJsonAsync<JsonElement>($"/api/incidents/{searchIncident}");
        Assert.Equal("open", stillOpen.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/resources/vm:search-1")).StatusCode);

        // Its own: acts, and what it creates belongs to its team.
        Assert.Equal(HttpStatusCode.OK, (await _payments.PostAsync($"/api/incidents/{paymentsIncident}/acknowledge", null)).StatusCode);
        var created = await OpenAsync(_payments, """{"title":"Settlement batch late"}""");
        Assert.Equal("payments", (await admin.GetFromJsonAsync<JsonElement>($"/api/incidents/{created}")).GetProperty("team").GetString());
        var otherTeam = await _payments.PostAsync("/api/incidents", Json("""{"title":"Not mine","team":"search"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, otherTeam.StatusCode);
        var retag = await _payments.PutAsync("/api/resources/vm:pay-1", Json("""{"provider":"aws","kind":"ec2","name":"vm:pay-1","location":"eu","tags":{"team":"search"}}"""));
        Assert.Equal(HttpStatusCode.Forbidden, retag.StatusCode);

        // An action on another team's resource cannot be submitted.
        var action = await _payments.PostAsync("/api/actions", Json(
            """{"agentId":"kubernetes","type":"restart","description":"restart","targetResources":["vm:search-1"],"riskLevel":"low","estimatedImpact":"none","idempotencyKey":"scope-1"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, action.StatusCode);
    }

    [Fact]
    public async Task OnTheLiveFeedATeamGetsItsOwnAndUnownedIncidentsAndResourcesOnly()
    {
        var (token, _) = await _silo.Tokens.RequestAsync("payments-operator", Secret);
        await using var feed = LiveHubConnections.Create(_silo.BaseAddress, () => Task.FromResult<string?>(token));
        var incidents = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var resources = new System.Collections.Concurrent.ConcurrentQueue<string>();
        feed.On<JsonElement>("IncidentChanged", i => incidents.Enqueue(i.GetProperty("title").GetString()!));
        feed.On<JsonElement[]>("ResourceChanged", changes => Array.ForEach(changes, c => resources.Enqueue(c.GetProperty("id").GetString()!)));
        await feed.StartAsync();
        await feed.InvokeAsync("Subscribe", "incidents");
        await feed.InvokeAsync("Subscribe", "resources");
        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => feed.InvokeAsync("Subscribe", "actions"));
        Assert.Contains("team-scoped", refused.Message, StringComparison.Ordinal);

        var admin = _silo.Http;
        var search = await OpenAsync(admin, """{"title":"live-search","team":"search"}""");
        await OpenAsync(admin, """{"title":"live-payments","team":"payments"}""");
        await OpenAsync(admin, """{"title":"live-unowned"}""");
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => feed.InvokeAsync("Subscribe", $"incident:{search}"));
        foreach (var (id, team) in new[] { ("live:search", "search"), ("live:pay", "payments"), ("live:none", null) })
        {
            var tags = team is null ? "{}" : $$"""{"team":"{{team}}"}""";
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/resources/{id}", Json($$"""{"provider":"aws","kind":"ec2","name":"{{id}}","location":"eu","tags":{{tags}}}"""))).StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((incidents.Count < 2 || resources.Count < 2) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(300);
        Assert.Equal(["live-payments", "live-unowned"], incidents.Order());
        Assert.Equal(["live:none", "live:pay"], resources.Distinct().Order());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static IEnumerable<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!);

    private static async Task<string> OpenAsync(HttpClient http, string body)
    {
        var response = await http.PostAsync("/api/incidents", Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
