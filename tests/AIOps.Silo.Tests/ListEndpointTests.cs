using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AIOps.Silo.Tests;

/// <summary>The list endpoints and the cost report against a real silo process in embedded mode.</summary>
public sealed class ListEndpointTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Uri Path(string path) => new(path, UriKind.Relative);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private async Task PutResourceAsync(string id, string provider, string kind, string name, string tags, decimal cost)
    {
        var body = JsonSerializer.Serialize(new
        {
            provider,
            kind,
            name,
            location = "eu-west-1",
            tags = tags.Split(',').Select(t => t.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]),
            costPerHour = cost,
        });
        Assert.Equal(HttpStatusCode.OK, (await Http.PutAsync(Path($"/api/resources/{id}"), Json(body))).StatusCode);
    }

    private async Task<JsonElement> BadRequestAsync(string path)
    {
        var response = await Http.GetAsync(Path(path));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task TheResourceListFiltersAndPagesFromTheCatalogWhileSingleResourcesStayReachableById()
    {
        var provider = Unique("p");
        var ids = new[] { $"{provider}:vm:eu/a", $"{provider}:vm:eu/b", $"{provider}:db:eu/c" };
        await PutResourceAsync(ids[0], provider, "vm", "web-a", "team=Shop,env=prod", 0.5m);
        await PutResourceAsync(ids[1], provider, "vm", "web-b", "team=payments,env=staging", 0.25m);
        await PutResourceAsync(ids[2], provider, "db", "orders", "env=prod", 0m);

        var page = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/resources?provider={provider}&limit=2"));
        Assert.Equal((3, 0, 2), (page.GetProperty("total").GetInt32(), page.GetProperty("offset").GetInt32(), page.GetProperty("limit").GetInt32()));
        Assert.Equal([ids[2], ids[0]], page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var first = page.GetProperty("items")[1];
        Assert.Equal(("shop", "production", "unknown", 0.5m), (first.GetProperty("team").GetString(), first.GetProperty("environment").GetString(),
            first.GetProperty("health").GetString(), first.GetProperty("costPerHour").GetDecimal()));

        var second = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/resources?provider={provider}&offset=2&limit=2"));
        Assert.Equal([ids[1]], second.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));

        var filtered = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/resources?provider={provider}&kind=vm&team=SHOP&environment=production&health=unknown&q=WEB-"));
        Assert.Equal(ids[0], Assert.Single(filtered.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var search = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/resources?q={provider}:db"));
        Assert.Equal(1, search.GetProperty("total").GetInt32());

        var single = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/resources/{ids[0]}"));
        Assert.Equal(("web-a", "Shop"), (single.GetProperty("name").GetString(), single.GetProperty("tags").GetProperty("team").GetString()));
        var exact = await Http.GetFromJsonAsync<JsonElement>(Path("/api/resources"));
        Assert.True(exact.GetProperty("total").GetInt32() >= 3);
        Assert.Equal(50, exact.GetProperty("limit").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync(Path($"/api/resources/{ids[1]}"))).StatusCode);
        Assert.Equal(2, (await Http.GetFromJsonAsync<JsonElement>(Path($"/api/resources?provider={provider}"))).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/resources?limit=0", "limit")]
    [InlineData("/api/resources?limit=501", "limit")]
    [InlineData("/api/resources?limit=ten", "limit")]
    [InlineData("/api/resources?offset=-1", "offset")]
    [InlineData("/api/resources?health=sideways", "health")]
    [InlineData("/api/actions?status=sideways", "status")]
    [InlineData("/api/actions?offset=1.5", "offset")]
    [InlineData("/api/actions?limit=100000", "limit")]
    [InlineData("/api/cost-optimization/reports?top=0", "top")]
    [InlineData("/api/cost-optimization/reports?top=all", "top")]
    public async Task ABadListParameterIsABadRequestNamingIt(string path, string parameter)
    {
        var errors = await BadRequestAsync(path);
        Assert.Equal([parameter], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task SeveralBadParametersAreNamedTogether()
    {
        var errors = await BadRequestAsync("/api/resources?health=meh&offset=x&limit=y");
        Assert.Equal(["health", "limit", "offset"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("unknown, healthy, degraded, unhealthy", errors.GetProperty("health")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionsAreListedWithTheTeamsOfTheirTargetsAndFilteredByStatusAgentAndResource()
    {
        var resource = $"k8s:prod:deployment/{Unique("shop-")}/cart";
        await PutResourceAsync(resource, "k8s", "deployment", "cart", "team=shop,env=prod", 0.3m);
        var submitted = await Http.PostAsync(Path("/api/actions"), Json(
            $$"""{"agentId":"kubernetes","type":"scale","description":"scale cart","targetResources":["{{resource}}"],"riskLevel":"medium","estimatedImpact":"+2 pods","idempotencyKey":"{{Unique("k")}}"}"""));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("action").GetProperty("id").GetString();

        var listed = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/actions?resource={Uri.EscapeDataString(resource)}"));
        var action = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal((id, "pending", "kubernetes"), (action.GetProperty("id").GetString(), action.GetProperty("status").GetString(), action.GetProperty("agentId").GetString()));
        Assert.Equal(["shop"], action.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));

        var pending = await Http.GetFromJsonAsync<JsonElement>(Path("/api/actions?status=pending&agentId=kubernetes&limit=500"));
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        var completed = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/actions?status=completed&resource={Uri.EscapeDataString(resource)}"));
        Assert.Equal(0, completed.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(Path($"/api/actions/{id}"))).StatusCode);
    }

    [Fact]
    public async Task AnIncidentOpenedWithATeamIsListedWithIt()
    {
        var created = await Http.PostAsync(Path("/api/incidents"), Json("""{"title":"Cart 5xx","severity":"high","team":"Shop"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var incident = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("shop", incident.GetProperty("team").GetString());
        var id = incident.GetProperty("id").GetString();

        var list = await Http.GetFromJsonAsync<JsonElement>(Path("/api/incidents?limit=500"));
        Assert.Equal("shop", list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id).GetProperty("team").GetString());
    }

    [Fact]
    public async Task TheCostReportGivesTheRunRateOfTheCatalogByProviderTeamKindAndEnvironment()
    {
        var provider = Unique("cost");
        await PutResourceAsync($"{provider}:1", provider, "vm", "a", "team=shop,env=prod", 0.5m);
        await PutResourceAsync($"{provider}:2", provider, "vm", "b", "team=payments,env=prod", 0.25m);
        await PutResourceAsync($"{provider}:3", provider, "bucket", "c", "env=dev", 0.125m);
        await PutResourceAsync($"{provider}:4", provider, "bucket", "d", "team=shop", 0m);

        var report = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/cost-optimization/reports?provider={provider}&top=2"));
        Assert.Equal((4, 1), (report.GetProperty("resourceCount").GetInt32(), report.GetProperty("resourcesWithoutCost").GetInt32()));
        var total = report.GetProperty("total");
        Assert.Equal((0.875m, 21m, 630m), (total.GetProperty("perHour").GetDecimal(), total.GetProperty("perDay").GetDecimal(), total.GetProperty("perMonth").GetDecimal()));
        Assert.Equal([(provider, 4, 0.875m)], Groups(report, "byProvider"));
        Assert.Equal([("shop", 2, 0.5m), ("payments", 1, 0.25m), (null, 1, 0.125m)], Groups(report, "byTeam"));
        Assert.Equal([("vm", 2, 0.75m), ("bucket", 2, 0.125m)], Groups(report, "byKind"));
        Assert.Equal([("production", 2, 0.75m), ("development", 1, 0.125m), (null, 1, 0m)], Groups(report, "byEnvironment"));
        Assert.Equal([$"{provider}:1", $"{provider}:2"], report.GetProperty("topResources").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.True(report.GetProperty("generatedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        var shop = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/cost-optimization/reports?provider={provider}&team=shop&environment=prd"));
        Assert.Equal((1, 0.5m), (shop.GetProperty("resourceCount").GetInt32(), shop.GetProperty("total").GetProperty("perHour").GetDecimal()));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheListsAndTheReport()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>(Path("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/resources", "/api/actions", "/api/cost-optimization/reports" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.True(item.TryGetProperty("get", out _), path);
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("CostReport").GetProperty("properties").TryGetProperty("topResources", out _));
        Assert.True(schemas.GetProperty("ResourcePage").GetProperty("properties").TryGetProperty("items", out _));
    }

    private static List<(string?, int, decimal)> Groups(JsonElement report, string name) =>
    [
        .. report.GetProperty(name).EnumerateArray().Select(g => (
            g.GetProperty("key").ValueKind == JsonValueKind.Null ? null : g.GetProperty("key").GetString(),
            g.GetProperty("resourceCount").GetInt32(),
            g.GetProperty("cost").GetProperty("perHour").GetDecimal())),
    ];
}
