using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIOps.Testing;
using Npgsql;
using static AIOps.Silo.Tests.Eventually;

namespace AIOps.Silo.Tests;

/// <summary>
/// The intake over HTTP: what it stores and counts, what it refuses (problem details, counted per source and reason,
/// stored alerts untouched), and in durable mode that an answered alert is on disk and a pending one is delivered at start.
/// </summary>
public sealed class AlertIntakeTests(AlertIntakeTests.ProbeSilo fixture) : IClassFixture<AlertIntakeTests.ProbeSilo>
{
    private const string Token = "probe-token-0123456789";

    [Fact]
    public async Task RepeatsAreCountedAsRepeatsAndAResolutionResolvesTheStoredAlert()
    {
        var name = "Repeat" + Guid.NewGuid().ToString("N")[..8];
        var before = await SourceStatsAsync("probe");
        Assert.Equal(["firing", "repeat"], await ChangesAsync(await PostAsync("probe", "alertmanager", Webhook(name, "firing", 2))));
        Assert.Equal(["resolved"], await ChangesAsync(await PostAsync("probe", "alertmanager", Webhook(name, "resolved", 1))));

        var after = await SourceStatsAsync("probe");
        Assert.Equal((3L, 1L, 1L, 1L, 1L), (
            Delta("notifications"), Delta("uniqueAlerts"), Delta("firing"), Delta("resolved"), Delta("repeats")));
        var alert = await StoredAsync(name);
        Assert.Equal(("resolved", 3L), (alert.GetProperty("status").GetString(), alert.GetProperty("notifications").GetInt64()));
        Assert.Equal("db-1", alert.GetProperty("labels").GetProperty("instance").GetString());
        Assert.Equal("Disk almost full on db-1.", alert.GetProperty("annotations").GetProperty("summary").GetString());

        long Delta(string counter) => after.GetProperty(counter).GetInt64() - before.GetProperty(counter).GetInt64();
    }

    [Fact]
    public async Task MalformedOversizedOverLimitAndUnauthenticatedRequestsGetProblemDetailsAreCountedAndLeaveStoredAlertsAlone()
    {
        var name = "Kept" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("probe", "alertmanager", Webhook(name, "firing", 1))).StatusCode);
        var kept = await StoredAsync(name);
        var before = await SourceStatsAsync("probe");
        var unknownBefore = await SourceStatsAsync("(unknown)");

        await ExpectProblemAsync(await PostAsync("probe", "alertmanager", Webhook(name, "resolved", 1)[..40]), HttpStatusCode.BadRequest);
        await ExpectProblemAsync(await PostAsync("probe", "api/v2/alerts", """[{"labels":{"severity":"critical"}}]"""), HttpStatusCode.BadRequest);
        var tooMany = "[" + string.Join(",", Enumerable.Range(0, 1001).Select(i => $$$"""{"labels":{"alertname":"{{{name}}}","i":"{{{i}}}"}}""")) + "]";
        await ExpectProblemAsync(await PostAsync("probe", "api/v2/alerts", tooMany), HttpStatusCode.BadRequest);
        var huge = Webhook(name, "resolved", 1).Replace("\"receiver\"", $"\"padding\":\"{new string('x', 1_100_000)}\",\"receiver\"", StringComparison.Ordinal);
        await ExpectProblemAsync(await PostAsync("probe", "alertmanager", huge), HttpStatusCode.RequestEntityTooLarge);
        await ExpectProblemAsync(await PostAsync("probe", "alertmanager", huge, chunked: true), HttpStatusCode.RequestEntityTooLarge);
        await ExpectProblemAsync(await PostAsync("probe", "alertmanager", Webhook(name, "resolved", 1), token: null), HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await PostAsync("probe", "alertmanager", Webhook(name, "resolved", 1), token: "wrong-token-0123456789"), HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await PostAsync("nosuchsource", "alertmanager", Webhook(name, "resolved", 1)), HttpStatusCode.Unauthorized);

        var after = await SourceStatsAsync("probe");
        var rejected = after.GetProperty("rejectedByReason");
        var was = before.GetProperty("rejectedByReason");
        Assert.Equal((2L, 1L, 2L, 2L), (
            Reason(rejected, was, "malformed"), Reason(rejected, was, "over-limit"), Reason(rejected, was, "oversized"), Reason(rejected, was, "unauthenticated")));
        Assert.Equal(1L, Reason((await SourceStatsAsync("(unknown)")).GetProperty("rejectedByReason"), unknownBefore.GetProperty("rejectedByReason"), "unauthenticated"));
        Assert.Equal(before.GetProperty("notifications").GetInt64(), after.GetProperty("notifications").GetInt64());
        var now = await StoredAsync(name);
        Assert.Equal(
            [.. new[] { "status", "notifications", "lastSeen", "lastEventId", "startsAt", "labels" }.Select(p => kept.GetProperty(p).ToString())],
            new[] { "status", "notifications", "lastSeen", "lastEventId", "startsAt", "labels" }.Select(p => now.GetProperty(p).ToString()));
    }

    [Fact]
    public async Task AnAlertsBodyWithAlertAndOtherEventsStoresTheAlertsAndRoutesTheRest()
    {
        var key = "disk-" + Guid.NewGuid().ToString("N")[..8];
        var response = await PostAsync("probe", "events", $$$"""
            [{"id":"e1","type":"alert.firing","severity":"high","data":{"fingerprint":"{{{key}}}","alertname":"DiskFull","annotation.summary":"disk full"}},
             {"id":"e2","type":"deployment.finished","data":{"service":"cart"}}]
            """);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.Equal(("probe:e1", "firing"), (results[0].GetProperty("id").GetString(), results[0].GetProperty("change").GetString()));
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("change").ValueKind);
        var alert = (await fixture.Silo.As("viewer").GetFromJsonAsync<JsonElement>("/api/alerts?source=probe&limit=500")).GetProperty("items")
            .EnumerateArray().Single(a => a.GetProperty("fingerprint").GetString() == key);
        Assert.Equal(("DiskFull", "disk full"), (alert.GetProperty("labels").GetProperty("alertname").GetString(), alert.GetProperty("annotations").GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task TheAlertListAndStatsNeedAViewerAndRefuseABadQuery()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Silo.Anonymous.GetAsync("/api/ingest/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Silo.Anonymous.GetAsync("/api/alerts")).StatusCode);
        using var viewer = fixture.Silo.As("viewer");
        var bad = await viewer.GetAsync("/api/alerts?status=exploded&limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _), problem.ToString());
    }

    internal static string Webhook(string name, string status, int copies)
    {
        var alert = $$"""
            {"status":"{{status}}","labels":{"alertname":"{{name}}","instance":"db-1","severity":"warning"},
             "annotations":{"summary":"Disk almost full on db-1."},"startsAt":"2026-11-26T10:00:00Z",
             "endsAt":"{{(status == "resolved" ? "2026-11-26T10:05:00Z" : "0001-01-01T00:00:00Z")}}","generatorURL":"http://prometheus:9090/graph","fingerprint":"fp-{{name}}"}
            """;
        return $$"""
            {"version":"4","groupKey":"{}:{alertname=\"{{name}}\"}","truncatedAlerts":0,"status":"{{status}}","receiver":"aiops",
             "groupLabels":{"alertname":"{{name}}"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://alertmanager:9093",
             "alerts":[{{string.Join(",", Enumerable.Repeat(alert, copies))}}]}
            """;
    }

    private static long Reason(JsonElement now, JsonElement was, string reason) =>
        (now.TryGetProperty(reason, out var n) ? n.GetInt64() : 0) - (was.TryGetProperty(reason, out var w) ? w.GetInt64() : 0);

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
    }

    private static async Task<List<string?>> ChangesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Select(r => r.GetProperty("change").GetString())];
    }

    private async Task<JsonElement> StoredAsync(string name)
    {
        using var viewer = fixture.Silo.As("viewer");
        var page = await viewer.GetFromJsonAsync<JsonElement>($"/api/alerts?source=probe&limit=500");
        return page.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("fingerprint").GetString() == "fp-" + name);
    }

    private async Task<JsonElement> SourceStatsAsync(string source)
    {
        using var viewer = fixture.Silo.As("viewer");
        var stats = await viewer.GetFromJsonAsync<JsonElement>("/api/ingest/stats");
        var found = stats.GetProperty("sources").EnumerateArray().Where(s => s.GetProperty("source").GetString() == source).ToList();
        return found.Count == 1 ? found[0] : JsonSerializer.SerializeToElement(new
        {
            notifications = 0L,
            uniqueAlerts = 0L,
            firing = 0L,
            resolved = 0L,
            repeats = 0L,
            rejected = 0L,
            rejectedByReason = new Dictionary<string, long>(),
        });
    }

    private async Task<HttpResponseMessage> PostAsync(string source, string path, string body, string? token = Token, bool chunked = false)
    {
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)))
            : new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.ContentType = new("application/json");
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/{source}/{path}") { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return await fixture.Silo.Anonymous.SendAsync(request);
    }

    /// <summary>An embedded silo with one extra alert source, <c>probe</c>.</summary>
    public sealed class ProbeSilo : IAsyncLifetime
    {
        public SiloProcess Silo { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string> { ["AIOps__Ingestion__Sources__probe__Token"] = Token });

        public async Task DisposeAsync() => await Silo.DisposeAsync();
    }
}

/// <summary>In durable mode an answered alert is in PostgreSQL, and a pending one is delivered by the next silo to start.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AlertIntakeDurableTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AnAnsweredAlertIsOnDiskAfterAKillAndAPendingOneIsDeliveredWhenASiloStarts()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["AIOps__Ingestion__Sources__probe__Token"] = "probe-token-0123456789",
            // The killed silo is still listed as active: the next one joins without waiting for it and declares it dead quickly.
            ["AIOps__Membership__ValidateInitialConnectivity"] = "false",
            ["AIOps__Membership__ProbeTimeout"] = "00:00:01",
            ["AIOps__Membership__NumMissedProbesLimit"] = "2",
            ["AIOps__Membership__NumVotesForDeathDeclaration"] = "1",
        };
        await using (var silo = await SiloProcess.StartAsync(db, settings))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/probe/alertmanager")
            {
                Content = new StringContent(AlertIntakeTests.Webhook("Durable", "firing", 1), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", "probe-token-0123456789");
            Assert.Equal(HttpStatusCode.Accepted, (await silo.Anonymous.SendAsync(request)).StatusCode);

            // Correlated into an incident before the kill, so the next silo's correlator has one to restore.
            using var viewer = silo.As("viewer");
            await WaitForAsync(
                async () => (await viewer.GetFromJsonAsync<JsonElement>("/api/incidents?limit=10")).GetProperty("total").GetInt32() > 0 ? true : (bool?)null,
                TimeSpan.FromSeconds(30));
            silo.Kill();
        }

        await using var dataSource = NpgsqlDataSource.Create(db);
        await using (var read = dataSource.CreateCommand("SELECT status, labels->>'instance', notifications FROM aiops_alerts WHERE source = 'probe' AND fingerprint = 'fp-Durable'"))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("firing", "db-1", 1L), (reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        // As if the silo had died between the commit and the delivery.
        await using (var pend = dataSource.CreateCommand("UPDATE aiops_alerts SET pending = true, pending_since = now() - interval '1 minute'"))
        {
            await pend.ExecuteNonQueryAsync();
        }

        // With no other silo alive, nobody is left to vote the killed one dead; record the verdict a second silo's
        // failure detector would have reached (status 6 = Dead), so the new silo does not wait for it.
        await using (var dead = dataSource.CreateCommand("UPDATE orleansmembershiptable SET status = 6"))
        {
            await dead.ExecuteNonQueryAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(db, settings);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var check = dataSource.CreateCommand("SELECT count(*) FROM aiops_alerts WHERE pending");
            if ((long)(await check.ExecuteScalarAsync())! == 0)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "The pending alert was not delivered after the start:\n" + restarted.Output);
            await Task.Delay(250);
        }

        Assert.Contains("Delivered 1 pending alert signals again", restarted.Output, StringComparison.Ordinal);

        // The restarted correlator took the incident's alert back with its labels, from the alert store.
        Assert.True(
            restarted.Output.Contains("Correlator restored 1 incidents with their alerts (1 with labels from the alert store)", StringComparison.Ordinal),
            string.Join('\n', restarted.Output.Split('\n').Where(l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("orrelat", StringComparison.Ordinal))));
    }
}
