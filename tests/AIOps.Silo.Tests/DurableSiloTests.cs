using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIOps.Abstractions.Resources;
using AIOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;

namespace AIOps.Silo.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DurableSiloTests(PostgresFixture postgres)
{
    // Detect a dead silo in seconds rather than the production default, so failover fits in a test.
    private static readonly Dictionary<string, string> FastFailureDetection = new()
    {
        ["AIOps__Membership__ProbeTimeout"] = "00:00:01",
        ["AIOps__Membership__NumMissedProbesLimit"] = "2",
        ["AIOps__Membership__NumVotesForDeathDeclaration"] = "1",
        ["AIOps__Membership__TableRefreshTimeout"] = "00:00:02",
        ["AIOps__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
    };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task DurableModeKeepsAResourceAndAnIncidentAcrossAFullRestartOfTheSilo()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        string incidentId;
        string resourceBefore;
        string incidentBefore;
        await using (var silo = await SiloProcess.StartAsync(db))
        {
            Assert.Contains("Durable mode", silo.Output, StringComparison.Ordinal);
            var put = await silo.Http.PutAsync(new Uri("/api/resources/tf:prod:aws_instance.web", UriKind.Relative), Json(
                """{"provider":"tf","kind":"aws_instance","name":"web","location":"prod","desiredState":{"instance_type":"t3.large"},"costPerHour":0.0832}"""));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var created = await silo.Http.PostAsync(new Uri("/api/incidents", UriKind.Relative), Json("""{"title":"Drift on web","severity":"medium","affectedResources":["tf:prod:aws_instance.web"]}"""));
            incidentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await silo.Http.PostAsync(new Uri($"/api/incidents/{incidentId}/investigate", UriKind.Relative), Json("{}"))).StatusCode);
            resourceBefore = await silo.Http.GetStringAsync(new Uri("/api/resources/tf:prod:aws_instance.web", UriKind.Relative));
            incidentBefore = await silo.Http.GetStringAsync(new Uri($"/api/incidents/{incidentId}", UriKind.Relative));
            await silo.StopAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(db);
        Assert.Equal(resourceBefore, await restarted.Http.GetStringAsync(new Uri("/api/resources/tf:prod:aws_instance.web", UriKind.Relative)));
        Assert.Equal(incidentBefore, await restarted.Http.GetStringAsync(new Uri($"/api/incidents/{incidentId}", UriKind.Relative)));
        var timeline = await restarted.Http.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/incidents/{incidentId}/timeline", UriKind.Relative));
        Assert.Equal(["opened", "status-changed"], timeline!.Select(t => t.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task WhenASiloIsKilledItsGrainsReactivateOnTheSurvivorWithTheirState()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var survivor = await SiloProcess.StartAsync(db, FastFailureDetection);
        await using var victim = await SiloProcess.StartAsync(db, FastFailureDetection);
        using var client = await ConnectClientAsync(db);
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        Assert.Equal(2, (await management.GetHosts(onlyActive: true)).Count);

        // Create through both silos; placement spreads the grains over the cluster.
        var ids = Enumerable.Range(0, 24).Select(i => $"aws:ec2:eu-west-1:i-failover{i:D2}").ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            var via = i % 2 == 0 ? survivor : victim;
            var put = await via.Http.PutAsync(new Uri($"/api/resources/{ids[i]}", UriKind.Relative), Json(
                $$"""{"provider":"aws","kind":"ec2-instance","name":"web-{{i}}","location":"eu-west-1","tags":{"n":"{{i}}"},"costPerHour":{{i}}.5}"""));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var grains = client.Services.GetRequiredService<IClusterClient>();
        var onVictim = new List<string>();
        foreach (var id in ids)
        {
            var host = await management.GetActivationAddress(grains.GetGrain<IResourceGrain>(id));
            if (host?.Endpoint.Port == victim.SiloPort)
            {
                onVictim.Add(id);
            }
        }

        Assert.True(onVictim.Count > 0, "no resource grain was placed on the silo to be killed; the test proves nothing");

        victim.Kill();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        foreach (var id in onVictim)
        {
            var n = int.Parse(id[^2..], System.Globalization.CultureInfo.InvariantCulture);
            JsonElement resource = default;
            while (true)
            {
                using var response = await TryGetAsync(survivor.Http, $"/api/resources/{id}");
                if (response?.StatusCode == HttpStatusCode.OK)
                {
                    resource = await response.Content.ReadFromJsonAsync<JsonElement>();
                    break;
                }

                Assert.True(response is null || response.StatusCode == HttpStatusCode.ServiceUnavailable || (int)response.StatusCode >= 500, $"unexpected {response?.StatusCode} for {id}");
                Assert.True(DateTime.UtcNow < deadline, $"{id} did not come back on the surviving silo in time:\n{survivor.Output[^Math.Min(4000, survivor.Output.Length)..]}");
                await Task.Delay(250);
            }

            Assert.Equal($"web-{n}", resource.GetProperty("name").GetString());
            Assert.Equal(n + 0.5m, resource.GetProperty("costPerHour").GetDecimal());
            Assert.Equal($"{n}", resource.GetProperty("tags").GetProperty("n").GetString());
            var host = await management.GetActivationAddress(grains.GetGrain<IResourceGrain>(id));
            Assert.Equal(survivor.SiloPort, host?.Endpoint.Port);
        }

        Assert.Equal(HttpStatusCode.OK, (await survivor.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    private static async Task<HttpResponseMessage?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            return await http.GetAsync(new Uri(path, UriKind.Relative));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<IHost> ConnectClientAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("aiops", "aiops"));
            client.Services.AddSerializer(s => AIOps.Hosting.SimulationHostingExtensions.AddAIOpsJsonTypes(s));
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
