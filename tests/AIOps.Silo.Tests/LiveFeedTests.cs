using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIOps.Abstractions.Live;
using AIOps.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace AIOps.Silo.Tests;

[Collection(PostgresCollection.Name)]
public sealed class LiveFeedTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Task<HubConnection> ConnectAsync(SiloProcess silo, params string[] groups) =>
        LiveHubConnections.ConnectAsync(silo, groups);

    [Fact]
    public async Task AnIncidentChangedThroughOneSiloReachesALiveClientConnectedToTheOther()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var a = await SiloProcess.StartAsync(db);
        await using var b = await SiloProcess.StartAsync(db);
        await using var onB = await ConnectAsync(b, LiveGroups.Incidents);
        await using var onA = await ConnectAsync(a, LiveGroups.Incidents);
        var seenOnB = new ConcurrentQueue<JsonElement>();
        var seenOnA = new ConcurrentQueue<JsonElement>();
        onB.On<JsonElement>("IncidentChanged", seenOnB.Enqueue);
        onA.On<JsonElement>("IncidentChanged", seenOnA.Enqueue);

        // Both relays register within their first renewal; until then an update may reach only one of them.
        string? id = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var created = await a.Http.PostAsync(new Uri("/api/incidents", UriKind.Relative), Json("""{"title":"Checkout 5xx","severity":"high"}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await a.Http.PostAsync(new Uri($"/api/incidents/{id}/investigate", UriKind.Relative), Json("{}"))).StatusCode);
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
            while (DateTime.UtcNow < until && !Seen(seenOnB, id, "investigating"))
            {
                await Task.Delay(50);
            }

            if (Seen(seenOnB, id, "investigating"))
            {
                break;
            }
        }

        Assert.True(Seen(seenOnB, id!, "investigating"), "the client on silo B never saw the incident changed through silo A");
        Assert.True(await EventuallyAsync(() => Seen(seenOnA, id!, "investigating")), "the client on silo A did not see it either");
    }

    [Fact]
    public async Task AMessagePackClientGetsTheSameTypedChangesAsAJsonOne()
    {
        await using var silo = await SiloProcess.StartAsync();
        await using var binary = LiveHubConnections.Create(silo.BaseAddress, LiveHubConnections.AccessToken(silo), messagePack: true);
        var received = new ConcurrentQueue<ResourceChange>();
        binary.On<ResourceChange[]>("ResourceChanged", changes => Array.ForEach(changes, received.Enqueue));
        await binary.StartAsync();
        await binary.InvokeAsync("Subscribe", LiveGroups.Resources);

        var put = await silo.Http.PutAsync(new Uri("/api/resources/vm:msgpack-1", UriKind.Relative), new StringContent(
            """{"provider":"aws","kind":"ec2","name":"msgpack-1","location":"eu","tags":{"team":"Core"},"costPerHour":0.25}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var change = Assert.Single(received);
        Assert.Equal(("vm:msgpack-1", "msgpack-1", 0.25m, "core", false), (change.Id, change.Name, change.CostPerHour, change.Team, change.Deleted));
    }

    [Fact]
    public async Task AnUnknownGroupIsRefusedWithAClearMessage()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(db);
        await using var connection = await ConnectAsync(silo);
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "everything"));
        Assert.Contains("Unknown group 'everything'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientThatStopsReadingDelaysNobodyElseAndIsDisconnected()
    {
        await using var silo = await SiloProcess.StartAsync();
        var baseAddress = silo.Http.BaseAddress!;
        await using var stalled = await StalledHubClient.ConnectAsync(baseAddress, LiveHubConnections.AccessToken(silo), LiveGroups.Resources);
        await using var normal = await ConnectAsync(silo, LiveGroups.Resources);
        var seen = new ConcurrentDictionary<string, decimal>(StringComparer.Ordinal);
        normal.On<JsonElement>("ResourceChanged", changes =>
        {
            foreach (var change in changes.EnumerateArray())
            {
                seen.AddOrUpdate(change.GetProperty("id").GetString()!, change.GetProperty("costPerHour").GetDecimal(), (_, was) => Math.Max(was, change.GetProperty("costPerHour").GetDecimal()));
            }
        });
        // Long names make each change ~8 KB: four rounds push ~13 MB at the stalled client, more than its socket (the
        // kernel grows a loopback send buffer up to 4 MB) and the server's pipes hold.
        var name = new string('n', 8000);
        var ids = Enumerable.Range(0, 400).Select(i => $"test:stall:{i:D4}").ToArray();
        Task PutAsync(string id, decimal cost) =>
            silo.Http.PutAsync(new Uri($"/api/resources/{id}", UriKind.Relative), Json(JsonSerializer.Serialize(new
            {
                provider = "test",
                kind = "vm",
                name,
                location = "lab",
                tags = new { },
                desiredState = new { },
                dependencies = Array.Empty<string>(),
                costPerHour = cost,
            }))).ContinueWith(t => Assert.Equal(HttpStatusCode.OK, t.Result.StatusCode), TaskScheduler.Default);

        Assert.True(await EventuallyAsync(async () =>
        {
            await PutAsync(ids[0], 0.5m);
            return await EventuallyAsync(() => seen.ContainsKey(ids[0]), TimeSpan.FromSeconds(2));
        }), "the live feed never delivered a resource change");

        for (var round = 1; round <= 4; round++)
        {
            var cost = round;
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) => await PutAsync(id, cost));
            var sent = DateTime.UtcNow;
            Assert.True(
                await EventuallyAsync(() => ids.All(id => seen.TryGetValue(id, out var c) && c >= cost), TimeSpan.FromSeconds(3)),
                $"round {round}: the reading client had {ids.Count(id => seen.TryGetValue(id, out var c) && c >= cost)} of {ids.Length} changes 3 s after they were made");
            output.WriteLine($"round {round}: all {ids.Length} changes seen {(DateTime.UtcNow - sent).TotalMilliseconds:0} ms after the last was made");
        }

        // The stalled client was really backed up: the server gives up on it once a write has waited the relay's send
        // timeout (10 s). Reading any earlier would unblock those writes and spare it.
        await Task.Delay(TimeSpan.FromSeconds(15));
        Assert.True(await stalled.DrainUntilClosedAsync(TimeSpan.FromSeconds(30)), "the stalled client was never disconnected: its writes never backed up\n" + silo.Output);
        Assert.Equal(HubConnectionState.Connected, normal.State);
        await PutAsync(ids[0], 99m);
        Assert.True(await EventuallyAsync(() => seen[ids[0]] == 99m, TimeSpan.FromSeconds(3)), "the reading client stopped receiving after the stalled one was dropped");
    }

    private static bool Seen(IEnumerable<JsonElement> updates, string id, string status) =>
        updates.Any(u => u.GetProperty("id").GetString() == id && u.GetProperty("status").GetString() == status);

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return condition();
    }
}
