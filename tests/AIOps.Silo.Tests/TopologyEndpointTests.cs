using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AIOps.Silo.Tests;

public sealed class TopologyEndpointTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task ANeighbourhoodGoesAsDeepAsAskedInBothDirectionsAndTheGraphPagesWithItsEdges()
    {
        // svc -> deploy -> pod-a, pod-b -> node ; lb -> vm
        await PutAsync("topo:node", "node");
        await PutAsync("topo:pod-a", "pod", "topo:node");
        await PutAsync("topo:pod-b", "pod", "topo:node");
        await PutAsync("topo:deploy", "deployment", "topo:pod-a", "topo:pod-b");
        await PutAsync("topo:svc", "service", "topo:deploy");
        await PutAsync("topo:vm", "vm");
        await PutAsync("topo:lb", "load-balancer", "topo:vm");

        var one = await Http.GetFromJsonAsync<JsonElement>("/api/resources/topo:pod-a/topology?depth=1");
        Assert.Equal(["topo:deploy", "topo:node", "topo:pod-a"], Ids(one));
        Assert.Equal(["topo:deploy>topo:pod-a", "topo:pod-a>topo:node"], Edges(one));

        var three = await Http.GetFromJsonAsync<JsonElement>("/api/resources/topo:node/topology?depth=3");
        Assert.Equal(["topo:deploy", "topo:node", "topo:pod-a", "topo:pod-b", "topo:svc"], Ids(three));
        Assert.Equal(5, Edges(three).Count);
        var zero = await Http.GetFromJsonAsync<JsonElement>("/api/resources/topo:node/topology?depth=0");
        Assert.Equal(["topo:node"], Ids(zero));

        var page = await Http.GetFromJsonAsync<JsonElement>("/api/topology?q=topo:&limit=3");
        Assert.Equal(7, page.GetProperty("total").GetInt32());
        Assert.True(page.GetProperty("truncated").GetBoolean());
        Assert.Equal(["topo:deploy", "topo:lb", "topo:node"], Ids(page));
        Assert.Contains("topo:lb>topo:vm", Edges(page));

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/resources/topo:nope/topology")).StatusCode);
        var bad = await Http.GetAsync("/api/resources/topo:node/topology?depth=99");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("depth", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static List<string> Ids(JsonElement topology) =>
        [.. topology.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];

    private static List<string> Edges(JsonElement topology) =>
        [.. topology.GetProperty("edges").EnumerateArray().Select(e => $"{e.GetProperty("from").GetString()}>{e.GetProperty("to").GetString()}")];

    private async Task PutAsync(string id, string kind, params string[] dependsOn)
    {
        var body = JsonSerializer.Serialize(new { provider = "k8s", kind, name = id, location = "lab", dependencies = dependsOn, costPerHour = 0.01 });
        using var response = await Http.PutAsync($"/api/resources/{id}", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
