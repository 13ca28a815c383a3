using System.Net.Http.Json;
using System.Text.Json;
using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;
using AIOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AIOps.Client.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ClientTests(PostgresFixture postgres)
{
    private static async Task<IHost> ConnectAsync(Action<AIOpsClientOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddAIOpsClient(configure);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task TheSdkConnectsThroughTheGatewayReadsAgentsAndActsOnAnIncident()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var host = await ConnectAsync(o => o.Gateways.Add($"127.0.0.1:{silo.GatewayPort}"));
        var client = host.Services.GetRequiredService<IAIOpsClient>();

        var agents = await client.GetAgentStatusesAsync();
        Assert.Equal(["cost-optimization", "incident-response", "kubernetes", "terraform"], agents.Select(a => a.Id));

        var incident = client.Incident("inc-sdk-1");
        await incident.OpenAsync(new NewIncident("Queue backlog", "orders queue at 40k", Severity.High, [], null, "sdk-sample"));
        await incident.InvestigateAsync("sdk-sample");
        var overHttp = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/incidents/inc-sdk-1", UriKind.Relative));
        Assert.Equal("investigating", overHttp.GetProperty("status").GetString());

        await incident.CloseAsync("sdk-sample", "drained");
        var refused = await Assert.ThrowsAsync<InvalidTransitionException>(() => incident.InvestigateAsync("sdk-sample"));
        Assert.Equal(("closed", "investigating"), (refused.From, refused.To));
        await Assert.ThrowsAsync<NotFoundException>(() => client.Incident("inc-missing").GetAsync());
    }

    [Fact]
    public async Task AgainstADurableClusterTheSdkFindsTheGatewaysInPostgreSql()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(db);
        using var host = await ConnectAsync(o => o.ConnectionString = db);
        var client = host.Services.GetRequiredService<IAIOpsClient>();
        var status = await client.Agent("incident-response").GetStatusAsync();
        Assert.Equal("Incident Response", status.Name);
        var page = await client.Incidents.QueryAsync(new IncidentQuery());
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public void WithoutGatewaysOrConnectionStringStartUpStopsNamingTheSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        var error = Assert.Throws<OptionsValidationException>(() => builder.AddAIOpsClient(o => o.Gateways.Add("not-a-port")));
        Assert.Contains("AIOpsClient:Gateways entry 'not-a-port' is not host:port.", error.Message, StringComparison.Ordinal);
        var none = Assert.Throws<OptionsValidationException>(() => Host.CreateApplicationBuilder().AddAIOpsClient());
        Assert.Contains("set ConnectionString", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLiveFeedDeliversTypedIncidentChangesAndRefusesUnknownGroups()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var host = await ConnectAsync(o => o.Gateways.Add($"127.0.0.1:{silo.GatewayPort}"));
        var client = host.Services.GetRequiredService<IAIOpsClient>();
        await using (var anonymous = new AIOpsLiveFeed(silo.BaseAddress))
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var tokens = new ClientCredentialsTokenSource(new Uri(silo.BaseAddress, "/connect/token"), "dev-viewer", "dev-viewer");
        await using var feed = new AIOpsLiveFeed(silo.BaseAddress, tokens.GetTokenAsync);
        var received = new System.Collections.Concurrent.ConcurrentQueue<Incident>();
        feed.IncidentChanged += received.Enqueue;
        await feed.StartAsync();
        await feed.SubscribeAsync(Abstractions.Live.LiveGroups.Incident("inc-live-1"));
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => feed.SubscribeAsync("nope"));

        await client.Incident("inc-live-1").OpenAsync(new NewIncident("Disk 95%", "", Severity.Critical, [], null, "sdk"));
        await client.Incident("inc-other").OpenAsync(new NewIncident("Not followed", "", Severity.Low, [], null, "sdk"));
        await client.Incident("inc-live-1").ResolveAsync("sdk", ["pruned logs"], automated: false);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!received.Any(i => i.Status == IncidentStatus.Resolved) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var last = Assert.Single(received, i => i.Status == IncidentStatus.Resolved);
        Assert.Equal(("inc-live-1", Severity.Critical), (last.Id, last.Severity));
        Assert.Equal(["pruned logs"], last.ResolutionSteps.AsEnumerable());
        Assert.DoesNotContain(received, i => i.Id == "inc-other");
    }

    [Fact]
    public async Task TheLiveFeedDeliversTypedResourceHealthCostAndDeletion()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var host = await ConnectAsync(o => o.Gateways.Add($"127.0.0.1:{silo.GatewayPort}"));
        var client = host.Services.GetRequiredService<IAIOpsClient>();
        await using var feed = new AIOpsLiveFeed(new Uri($"http://127.0.0.1:{silo.HttpPort}"), LiveHubConnections.AccessToken(silo));
        var all = new System.Collections.Concurrent.ConcurrentQueue<Abstractions.Live.ResourceChange>();
        feed.ResourceChanged += all.Enqueue;
        await feed.StartAsync();
        await feed.SubscribeToResourcesAsync();
        await feed.SubscribeToApprovalsAsync();

        var spec = new Abstractions.Resources.ResourceSpec("aws", "ec2-instance", "web-7", "eu-west-1", [], [], [], 0.1m);
        var vm = client.Resource("aws:ec2:eu-west-1:i-live7");
        var others = Enumerable.Range(0, 20).Select(i => client.Resource($"aws:ec2:eu-west-1:i-batch{i}")).ToList();
        await vm.UpsertAsync(spec);
        await Task.WhenAll(others.Select(r => r.UpsertAsync(spec with { Name = "batch" })));
        await WaitAsync(() => all.Count(c => c.Name == "batch") == 20);
        await vm.ObserveAsync(System.Collections.Immutable.ImmutableDictionary<string, string>.Empty, Abstractions.Resources.ResourceHealth.Unhealthy);
        await WaitAsync(() => all.Any(c => c.Health == Abstractions.Resources.ResourceHealth.Unhealthy));
        await vm.UpsertAsync(spec with { CostPerHour = 0.4m });
        await WaitAsync(() => all.Any(c => c.CostPerHour == 0.4m));
        await vm.DeleteAsync();
        await WaitAsync(() => all.Any(c => c.Deleted));

        var mine = all.Where(c => c.Id == "aws:ec2:eu-west-1:i-live7").Select(c => (c.Name, c.Health, c.CostPerHour, c.Deleted)).ToList();
        Assert.Equal(
            [("web-7", Abstractions.Resources.ResourceHealth.Unknown, 0.1m, false), ("web-7", Abstractions.Resources.ResourceHealth.Unhealthy, 0.1m, false), ("web-7", Abstractions.Resources.ResourceHealth.Unhealthy, 0.4m, false), ("web-7", Abstractions.Resources.ResourceHealth.Unhealthy, 0.4m, true)],
            mine);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "the expected live update did not arrive");
    }
}
