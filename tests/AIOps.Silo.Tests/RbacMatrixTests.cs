using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>
/// Every API operation the OpenAPI document lists, called anonymously and with a real token for each role from the
/// embedded issuer. The expected minimum role of each operation is written out here, so a new endpoint without an
/// entry fails the test until someone decides who may call it.
/// </summary>
public sealed class RbacMatrixTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private const string Viewer = "viewer";
    private const string Operator = "operator";
    private const string Approver = "approver";
    private const string Admin = "admin";

    /// <summary>Only the alert source's own token or signature; user tokens of any role are refused.</summary>
    private const string SourceOnly = "source";

    /// <summary>"METHOD /path" → weakest role allowed.</summary>
    private static readonly Dictionary<string, string> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /api/agents/status"] = Viewer,
        ["GET /api/agents/{id}/status"] = Viewer,
        ["GET /api/agents/{id}/config"] = Viewer,
        ["GET /api/agents/{id}/config/history"] = Viewer,
        ["POST /api/agents/config"] = Admin,
        ["POST /api/agents/{id}/start"] = Operator,
        ["POST /api/agents/{id}/stop"] = Operator,
        ["POST /api/agents/{id}/restart"] = Operator,
        ["GET /api/incidents"] = Viewer,
        ["POST /api/incidents"] = Operator,
        ["GET /api/incidents/{id}"] = Viewer,
        ["GET /api/incidents/noise-reduction"] = Viewer,
        ["GET /api/incidents/{id}/postmortem"] = Viewer,
        ["POST /api/incidents/{id}/notes"] = Operator,
        ["POST /api/incidents/{id}/analyze"] = Operator,
        ["GET /api/incidents/{id}/timeline"] = Viewer,
        ["POST /api/incidents/{id}/acknowledge"] = Operator,
        ["POST /api/incidents/{id}/investigate"] = Operator,
        ["POST /api/incidents/{id}/resolve"] = Operator,
        ["POST /api/incidents/{id}/close"] = Operator,
        ["POST /api/incidents/{id}/reopen"] = Operator,
        ["GET /api/resources"] = Viewer,
        ["GET /api/topology"] = Viewer,
        ["GET /api/inventory/sources"] = Viewer,
        ["GET /api/inventory/sources/{name}"] = Viewer,
        ["POST /api/inventory/sources/{name}/sync"] = Operator,
        ["GET /api/resources/{id}"] = Viewer,
        ["PUT /api/resources/{id}"] = Operator,
        ["DELETE /api/resources/{id}"] = Operator,
        ["POST /api/actions"] = Operator,
        ["GET /api/actions"] = Viewer,
        ["GET /api/actions/{id}"] = Viewer,
        ["GET /api/actions/{id}/timeline"] = Viewer,
        ["GET /api/actions/{id}/approval"] = Viewer,
        ["POST /api/actions/{id}/approve"] = Approver,
        ["POST /api/actions/{id}/reject"] = Approver,
        ["GET /api/approvals/pending"] = Viewer,
        ["GET /api/approvals/inbox"] = Viewer,
        ["GET /api/approvals/inbox/{id}"] = Viewer,
        ["GET /api/orchestration/policy"] = Viewer,
        ["PUT /api/orchestration/policy"] = Admin,
        ["GET /api/orchestration/routing-rules"] = Viewer,
        ["PUT /api/orchestration/routing-rules"] = Admin,
        ["POST /api/orchestration/events"] = Operator,
        ["GET /api/cost-optimization/reports"] = Viewer,
        ["GET /api/cost-optimization/trend"] = Viewer,
        ["GET /api/cost-optimization/recommendations"] = Viewer,
        ["GET /api/credentials"] = Admin,
        ["GET /api/credentials/{name}"] = Admin,
        ["PUT /api/credentials/{name}"] = Admin,
        ["POST /api/credentials/{name}/rotate"] = Admin,
        ["DELETE /api/credentials/{name}"] = Admin,
        ["GET /api/runbooks"] = Viewer,
        ["GET /api/runbooks/{id}"] = Viewer,
        ["PUT /api/runbooks/{id}"] = Admin,
        ["DELETE /api/runbooks/{id}"] = Admin,
        ["POST /api/runbooks/{id}/dry-run"] = Operator,
        ["POST /api/runbooks/{id}/execute"] = Operator,
        ["GET /api/runbooks/executions/{executionId}"] = Viewer,
        ["POST /api/ingest/{source}/events"] = SourceOnly,
        ["POST /api/ingest/{source}/alertmanager"] = SourceOnly,
        ["POST /api/ingest/{source}/api/v2/alerts"] = SourceOnly,
        ["POST /api/ingest/{source}/pagerduty"] = SourceOnly,
        ["POST /api/ingest/{source}/cloudwatch"] = SourceOnly,
        ["GET /api/ingest/stats"] = Viewer,
        ["GET /api/alerts"] = Viewer,
        ["GET /api/simulation/scenarios"] = Viewer,
        ["GET /api/simulation/scenarios/types"] = Viewer,
        ["GET /api/simulation/scenarios/{id}"] = Viewer,
        ["POST /api/simulation/scenarios"] = Operator,
        ["DELETE /api/simulation/scenarios/{id}"] = Operator,
        ["POST /api/simulation/actions"] = Operator,
        ["GET /api/simulation/alerts"] = Viewer,
        ["GET /api/simulation/events"] = Viewer,
        ["GET /api/simulation/logs"] = Viewer,
        ["GET /api/metrics/query_range"] = Viewer,
        ["GET /api/audit"] = Viewer,
        ["GET /api/audit/verify"] = Viewer,
        ["GET /api/audit/export"] = Admin,
        ["GET /api/models"] = Viewer,
        ["GET /api/models/{name}"] = Viewer,
    };

    [Fact]
    public async Task TheMatrixCoversEveryOperationOfTheOpenApiDocument()
    {
        var documented = await DocumentedOperationsAsync();
        Assert.Empty(documented.Except(Matrix.Keys));
        Assert.Empty(Matrix.Keys.Except(documented));
    }

    [Fact]
    public async Task EveryOperationAnswersEachRoleAsTheMatrixSays()
    {
        var clients = TestAccounts.Roles.ToDictionary(r => r, fixture.Silo.As);
        var wrong = new List<string>();
        foreach (var (operation, minimum) in Matrix)
        {
            var anonymous = await SendAsync(fixture.Silo.Anonymous, operation);
            if (anonymous.Status != HttpStatusCode.Unauthorized || !anonymous.Problem)
            {
                wrong.Add($"{operation} anonymous: {(int)anonymous.Status} (problem: {anonymous.Problem})");
            }

            foreach (var role in TestAccounts.Roles)
            {
                var answer = await SendAsync(clients[role], operation);
                if (minimum == SourceOnly)
                {
                    if (answer.Status != HttpStatusCode.Unauthorized || !answer.Problem)
                    {
                        wrong.Add($"{operation} as {role}: {(int)answer.Status} (expected 401: user tokens are not accepted)");
                    }

                    continue;
                }

                var allowed = Rank(role) >= Rank(minimum);
                var ok = allowed
                    ? answer.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)answer.Status < 500
                    : answer.Status == HttpStatusCode.Forbidden && answer.Problem && answer.Detail.Contains($"'{minimum}'", StringComparison.Ordinal);
                if (!ok)
                {
                    wrong.Add($"{operation} as {role}: {(int)answer.Status} {answer.Detail} (expected {(allowed ? "allowed" : "403")})");
                }
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task AForgedOrExpiredTokenIsRefusedAndSaysSo()
    {
        var token = await fixture.Silo.Tokens.ForRoleAsync(Admin);
        var parts = token.Split('.');
        var forgedPayload = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(Base64Url(parts[1])).Replace("\"admin\"", "\"admin\",\"x\":\"y\"", StringComparison.Ordinal)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        foreach (var bad in new[] { $"{parts[0]}.{forgedPayload}.{parts[2]}", "not-a-jwt", token[..^4] + "AAAA" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/agents/status");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bad);
            using var response = await fixture.Silo.Anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("not valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheIssuerRefusesAWrongSecretAndAnUnknownClient()
    {
        foreach (var (id, secret) in new[] { ("dev-admin", "dev-viewer"), ("nobody", "nobody") })
        {
            using var response = await fixture.Silo.Tokens.PostAsync(id, secret);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task ATokenCarriesTheClientsRoleAndTheActorIsTheClient()
    {
        using var operatorHttp = fixture.Silo.As(Operator);
        using var response = await operatorHttp.PostAsync("/api/incidents", new StringContent(
            """{"title":"Queue backlog","severity":"high"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var incident = await response.Content.ReadFromJsonAsync<JsonElement>();
        var timeline = await operatorHttp.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{incident.GetProperty("id").GetString()}/timeline");
        Assert.Equal("dev-operator", timeline![0].GetProperty("actor").GetString());
    }

    private static int Rank(string role) => TestAccounts.Roles.ToList().IndexOf(role);

    private static byte[] Base64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private async Task<HashSet<string>> DocumentedOperationsAsync()
    {
        var document = await fixture.Silo.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Sends the operation with every path parameter set to an id that does not exist and a body no endpoint accepts, so an allowed call changes nothing.</summary>
    private static async Task<(HttpStatusCode Status, bool Problem, string Detail)> SendAsync(HttpClient http, string operation)
    {
        var (method, template) = (operation[..operation.IndexOf(' ', StringComparison.Ordinal)], operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var path = System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}", "matrix-probe-unknown");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("\"not an object\"", Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        var detail = problem ? (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "" : "";
        return (response.StatusCode, problem, detail);
    }
}
