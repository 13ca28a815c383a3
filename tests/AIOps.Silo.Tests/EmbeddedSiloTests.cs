using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AIOps.Silo.Tests;

public sealed class EmbeddedSiloTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    [Fact]
    public async Task TheRunRateIsRecordedFromTheStartAndTheTrendNamesBadParameters()
    {
        // The recorder's first snapshot comes seconds after start; the simulated estate has providers to show.
        var trend = await Eventually.WaitForAsync(async () =>
        {
            var t = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/cost-optimization/trend?by=provider", UriKind.Relative));
            return t.GetProperty("series").GetArrayLength() > 0 ? t : (JsonElement?)null;
        }, TimeSpan.FromSeconds(90));
        var series = trend.GetProperty("series").EnumerateArray().ToArray();
        Assert.Contains(series, s => s.GetProperty("key").GetString() == "aws");
        Assert.All(series, s => Assert.NotEmpty(s.GetProperty("points").EnumerateArray()));
        var total = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/cost-optimization/trend", UriKind.Relative));
        var report = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/cost-optimization/reports", UriKind.Relative));
        Assert.True(total.GetProperty("series")[0].GetProperty("points")[0].GetProperty("perHour").GetDecimal() > 0);
        Assert.True(report.GetProperty("total").GetProperty("perHour").GetDecimal() > 0);

        var problem = await ProblemAsync(await Http.GetAsync(new Uri("/api/cost-optimization/trend?by=colour&step=10s&from=2026-13-01", UriKind.Relative)), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("by", out _) && errors.TryGetProperty("from", out _), problem.ToString());
        await ProblemAsync(await Http.GetAsync(new Uri("/api/cost-optimization/trend?from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z", UriKind.Relative)), HttpStatusCode.BadRequest);
        await ProblemAsync(await Http.GetAsync(new Uri("/api/cost-optimization/trend?from=2026-01-01T00:00:00Z&to=2026-11-27T00:00:00Z&step=1m", UriKind.Relative)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OnDefaultsTheSiloServesHealthAndAgentStatusWithinSixtySeconds()
    {
        Assert.True(fixture.StartedIn < TimeSpan.FromSeconds(60), $"ready after {fixture.StartedIn}");
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        var agents = await Http.GetFromJsonAsync<JsonElement[]>(new Uri("/api/agents/status", UriKind.Relative));
        Assert.Equal(["cost-optimization", "incident-response", "kubernetes", "terraform"], agents!.Select(a => a.GetProperty("id").GetString()));
        Assert.All(agents!, a => Assert.Equal("running", a.GetProperty("lifecycle").GetString()));
        Assert.Contains("Embedded mode", fixture.Silo.Output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__aiops", fixture.Silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIncidentOpenedOverHttpIsListedAndItsIllegalTransitionIsAConflict()
    {
        var created = await Http.PostAsync(new Uri("/api/incidents", UriKind.Relative), Json("""{"title":"Cart 5xx","severity":"critical","affectedResources":["k8s:prod:deployment/shop/cart"]}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var incident = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = incident.GetProperty("id").GetString()!;
        Assert.Equal($"/api/incidents/{id}", created.Headers.Location?.OriginalString);

        var list = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/incidents?status=open&minSeverity=critical", UriKind.Relative));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);

        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync(new Uri($"/api/incidents/{id}/close", UriKind.Relative), Json("""{"reason":"noise"}"""))).StatusCode);
        var problem = await ProblemAsync(await Http.PostAsync(new Uri($"/api/incidents/{id}/investigate", UriKind.Relative), Json("{}")), HttpStatusCode.Conflict);
        Assert.Contains("'closed' to 'investigating'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var after = await Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/incidents/{id}", UriKind.Relative));
        Assert.Equal(("closed", 2), (after.GetProperty("status").GetString(), after.GetProperty("version").GetInt32()));
    }

    [Theory]
    [InlineData("/api/incidents/inc-does-not-exist")]
    [InlineData("/api/incidents/inc-does-not-exist/timeline")]
    [InlineData("/api/agents/no-such-agent/status")]
    [InlineData("/api/resources/aws:ec2:eu-west-1:i-missing")]
    [InlineData("/api/actions/act-missing")]
    public async Task UnknownIdsAreNotFoundProblems(string path)
    {
        var problem = await ProblemAsync(await Http.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Contains("does not exist", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/incidents", """{"title": "x", "severity": """, null)]
    [InlineData("/api/incidents", """{"title": "x", "severity": "catastrophic"}""", "severity")]
    [InlineData("/api/incidents", """{"title": "x", "severity": 3}""", "severity")]
    [InlineData("/api/incidents", """{"title": ["x"]}""", "title")]
    [InlineData("/api/agents/config", """{"id": "k", "type": "kubernetes", "automationLevel": "yolo"}""", "automationLevel")]
    public async Task MalformedBodiesAreBadRequestsThatNameTheField(string path, string body, string? field)
    {
        var problem = await ProblemAsync(await Http.PostAsync(new Uri(path, UriKind.Relative), Json(body)), HttpStatusCode.BadRequest);
        if (field is not null)
        {
            Assert.Contains($"'{field}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InvalidValuesAreValidationProblemsListingEachField()
    {
        var response = await Http.PutAsync(
            new Uri("/api/resources/aws:ec2:eu-west-1:i-bad", UriKind.Relative),
            Json("""{"provider":"aws","kind":"","name":"web","location":"eu-west-1","costPerHour":-2}"""));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("costPerHour", out _));
        await ProblemAsync(await Http.GetAsync(new Uri("/api/resources/aws:ec2:eu-west-1:i-bad", UriKind.Relative)), HttpStatusCode.NotFound);

        var missing = await ProblemAsync(await Http.PostAsync(new Uri("/api/incidents", UriKind.Relative), Json("""{"severity":"low"}""")), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("title", out _));

        await ProblemAsync(await Http.GetAsync(new Uri("/api/incidents?limit=100000", UriKind.Relative)), HttpStatusCode.BadRequest);
        await ProblemAsync(await Http.GetAsync(new Uri("/api/incidents?status=sideways", UriKind.Relative)), HttpStatusCode.BadRequest);
        var status = await ProblemAsync(await Http.GetAsync(new Uri("/api/incidents?minSeverity=apocalyptic", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.Contains("low, medium, high, critical", status.GetProperty("errors").GetProperty("minSeverity")[0].GetString(), StringComparison.Ordinal);
        await ProblemAsync(await Http.PostAsync(new Uri("/api/incidents", UriKind.Relative), Json("")), HttpStatusCode.BadRequest);
        await ProblemAsync(await Http.PostAsync(new Uri("/api/incidents", UriKind.Relative), new StringContent("title=x")), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AResourceIdWithSlashesAndColonsRoundTripsOverHttp()
    {
        const string path = "/api/resources/k8s:prod:deployment/shop/cart-" + "x1";
        var put = await Http.PutAsync(new Uri(path, UriKind.Relative), Json(
            """{"provider":"k8s","kind":"deployment","name":"cart","location":"prod/shop","tags":{"team":"shop"},"desiredState":{"replicas":"3"},"dependencies":["k8s:prod:node/n1"],"costPerHour":0.42}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var resource = await Http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
        Assert.Equal("k8s:prod:deployment/shop/cart-x1", resource.GetProperty("id").GetString());
        Assert.Equal("3", resource.GetProperty("desiredState").GetProperty("replicas").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync(new Uri(path, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AConfigurationPostedOverHttpBecomesANewVersionOfTheRunningAgent()
    {
        var config = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/agents/cost-optimization/config", UriKind.Relative));
        var body = $$"""{"id":"cost-optimization","name":"Cost Optimization","type":"cost-optimization","enabled":true,"automationLevel":"semi-auto","thresholds":{"idle.cpuBelow":0.03},"approvalRequired":false,"integrations":["aws"]}""";
        var posted = await Http.PostAsync(new Uri("/api/agents/config", UriKind.Relative), Json(body));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(config.GetProperty("createdAt").GetString(), (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdAt").GetString());

        var history = await Http.GetFromJsonAsync<JsonElement[]>(new Uri("/api/agents/cost-optimization/config/history", UriKind.Relative));
        Assert.Equal(["system:defaults", "dev-admin"], history!.Select(v => v.GetProperty("changedBy").GetString()));
        Assert.Contains("automationLevel: manual → semi-auto", history![1].GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        var status = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/agents/cost-optimization/status", UriKind.Relative));
        Assert.Equal(("running", "semi-auto"), (status.GetProperty("lifecycle").GetString(), status.GetProperty("automationLevel").GetString()));

        var bad = await ProblemAsync(
            await Http.PostAsync(new Uri("/api/agents/config", UriKind.Relative), Json("""{"id":"cost-optimization","name":"","type":"cost-optimization","automationLevel":"manual"}""")),
            HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(2, (await Http.GetFromJsonAsync<JsonElement[]>(new Uri("/api/agents/cost-optimization/config/history", UriKind.Relative)))!.Length);
    }

    [Fact]
    public async Task AnOpenApiDocumentDescribesTheApi()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/api/agents/status", "/api/agents/config", "/api/incidents", "/api/incidents/{id}/resolve", "/api/actions", "/api/audit/verify", "/api/orchestration/policy" })
        {
            Assert.Contains(path, paths);
        }
    }
}
