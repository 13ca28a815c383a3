using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIOps.Abstractions.Live;
using AIOps.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace AIOps.Silo.Tests;

[Collection(PostgresCollection.Name)]
public sealed class LiveFeedTests(PostgresFixture postgres)
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<HubConnection> ConnectAsync(SiloProcess silo, params string[] groups)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{silo.HttpPort}{LiveGroups.HubPath}", o => o.AccessTokenProvider = async () => await silo.Tokens.ForRoleAsync("viewer"))
            .WithAutomaticReconnect()
            .Build();
        await connection.StartAsync();
        foreach (var group in groups)
        {
            await connection.InvokeAsync("Subscribe", group);
        }

        return connection;
    }

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
    public async Task AnUnknownGroupIsRefusedWithAClearMessage()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(db);
        await using var connection = await ConnectAsync(silo);
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "everything"));
        Assert.Contains("Unknown group 'everything'", error.Message, StringComparison.Ordinal);
    }

    private static bool Seen(IEnumerable<JsonElement> updates, string id, string status) =>
        updates.Any(u => u.GetProperty("id").GetString() == id && u.GetProperty("status").GetString() == status);

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return condition();
    }
}
