using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>The lists and the cost report of a durable silo come from its PostgreSQL tables, and survive a restart.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DurableListTests(PostgresFixture postgres)
{
    // Counts and totals below are of this test's own resources only.
    private static readonly Dictionary<string, string> NoSimulation = new() { ["Simulation__Enabled"] = "false" };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Uri Path(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task ResourcesActionsAndCostsAreListedFromPostgreSqlAcrossARestart()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using (var silo = await SiloProcess.StartAsync(db, NoSimulation))
        {
            foreach (var (id, team, cost) in new[] { ("tf:prod:aws_instance.web", "web", "0.0832"), ("tf:prod:aws_db_instance.main", "data", "0.5"), ("tf:prod:aws_s3_bucket.logs", "", "0") })
            {
                var tags = team.Length == 0 ? """{"env":"prod"}""" : $$"""{"env":"prod","team":"{{team}}"}""";
                var put = await silo.Http.PutAsync(Path($"/api/resources/{id}"), Json(
                    $$"""{"provider":"tf","kind":"{{id.Split(':')[2].Split('.')[0]}}","name":"{{id.Split('.')[1]}}","location":"prod","tags":{{tags}},"costPerHour":{{cost}}}"""));
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }

            var submitted = await silo.Http.PostAsync(Path("/api/actions"), Json(
                """{"agentId":"terraform","type":"terraform-apply","description":"resize web","targetResources":["tf:prod:aws_instance.web"],"riskLevel":"low","estimatedImpact":"","idempotencyKey":"durable-1"}"""));
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            await silo.StopAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(db, NoSimulation);
        var resources = await restarted.Http.GetFromJsonAsync<JsonElement>(Path("/api/resources?provider=tf&environment=production&q=aws_"));
        Assert.Equal(["tf:prod:aws_db_instance.main", "tf:prod:aws_instance.web", "tf:prod:aws_s3_bucket.logs"],
            resources.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var bad = await restarted.Http.GetAsync(Path("/api/resources?limit=0"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var actions = await restarted.Http.GetFromJsonAsync<JsonElement>(Path("/api/actions?agentId=terraform&resource=tf:prod:aws_instance.web"));
        var action = Assert.Single(actions.GetProperty("items").EnumerateArray());
        Assert.Equal(["web"], action.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));

        var report = await restarted.Http.GetFromJsonAsync<JsonElement>(Path("/api/cost-optimization/reports?top=1"));
        Assert.Equal((3, 1), (report.GetProperty("resourceCount").GetInt32(), report.GetProperty("resourcesWithoutCost").GetInt32()));
        Assert.Equal(0.5832m * 720, report.GetProperty("total").GetProperty("perMonth").GetDecimal());
        Assert.Equal("tf:prod:aws_db_instance.main", Assert.Single(report.GetProperty("topResources").EnumerateArray()).GetProperty("id").GetString());
    }
}
