using System.Collections.Immutable;
using System.Text.Json;
using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Resources;
using AIOps.Testing;
using Npgsql;
using Orleans.Runtime;

namespace AIOps.Grains.Tests.Durable;

[Collection(PostgresCollection.Name)]
public sealed class DurableModeTests(PostgresFixture postgres)
{
    private static string NewServiceId() => "svc-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task AResourceAnIncidentAndAnAgentSurviveAFullClusterRestart()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        var serviceId = NewServiceId();
        const string resourceId = "azure:vm:sub-1/rg-web/vm-7";
        const string incidentId = "inc-restart";
        ManagedResource resource;
        Incident incident;
        await using (var first = await DurableCluster.StartAsync(db, serviceId, silos: 2))
        {
            await first.Client.GetGrain<IResourceGrain>(resourceId).UpsertAsync(ResourceGrainTests.Spec());
            resource = await first.Client.GetGrain<IResourceGrain>(resourceId)
                .ObserveAsync(ImmutableDictionary<string, string>.Empty.Add("powerState", "running"), ResourceHealth.Healthy);
            var grain = first.Client.GetGrain<IIncidentGrain>(incidentId);
            await grain.OpenAsync(new NewIncident("VM unreachable", "ping fails", Severity.High, [resourceId], null, "alice"));
            await grain.InvestigateAsync("bob");
            incident = await grain.ResolveAsync("bob", ["rebooted vm-7"], automated: false);
            await first.Client.GetGrain<IAgentGrain>("agent-durable").ConfigureAsync(AgentGrainTests.Config("agent-durable"), "alice");
            await first.Client.GetGrain<IAgentGrain>("agent-durable").StartAsync();
            await first.StopAllSilosAsync();
        }

        await using var second = await DurableCluster.StartAsync(db, serviceId);
        var resourceAfter = await second.Client.GetGrain<IResourceGrain>(resourceId).GetAsync();
        Assert.Equal(Json(resource), Json(resourceAfter));
        var incidentAfter = await second.Client.GetGrain<IIncidentGrain>(incidentId).GetAsync();
        Assert.Equal(Json(incident), Json(incidentAfter));
        Assert.Equal(AgentLifecycle.Running, (await second.Client.GetGrain<IAgentGrain>("agent-durable").GetStatusAsync()).Lifecycle);
        var listed = await second.Client.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key).QueryAsync(new IncidentQuery());
        Assert.Equal(IncidentStatus.Resolved, Assert.Single(listed.Items, i => i.Id == incidentId).Status);
        // The listing still knows which resources the incident touched (the dashboard's "incidents of this resource").
        var affecting = await second.Client.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key).QueryAsync(new IncidentQuery() { Resource = resourceId });
        Assert.Equal([incidentId], affecting.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task AnIncidentJournalIsOneRowPerEventAndReplaysToTheSameState()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        var serviceId = NewServiceId();
        Incident before;
        IReadOnlyList<TimelineEntry> timelineBefore;
        await using (var first = await DurableCluster.StartAsync(db, serviceId))
        {
            var grain = first.Client.GetGrain<IIncidentGrain>("inc-replay");
            await grain.OpenAsync(new NewIncident("Disk filling", "", Severity.Medium, ["r1"], null, "alertmanager"));
            await grain.AddAffectedResourcesAsync("rca", ["r2", "r3"]);
            await grain.InvestigateAsync("bob");
            await grain.ResolveAsync("bob", ["pruned logs"], automated: false);
            await grain.ReopenAsync("alertmanager", "fired again");
            await grain.ResolveAsync("incident-response", ["expanded volume"], automated: true);
            before = await grain.CloseAsync("bob", null);
            timelineBefore = await grain.GetTimelineAsync();
        }

        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using var rows = new NpgsqlCommand(
                "SELECT count(*), max(version), count(DISTINCT version) FROM aiops_event_journal WHERE grain_type = 'incident' AND grain_id = 'inc-replay'", connection);
            await using (var reader = await rows.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                Assert.Equal((7L, 7, 7L), (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2)));
            }

            await using var tamper = new NpgsqlCommand("UPDATE aiops_event_journal SET event_type = 'x' WHERE grain_id = 'inc-replay' AND version = 1", connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => tamper.ExecuteNonQueryAsync());
            Assert.Contains("immutable", refused.MessageText, StringComparison.Ordinal);
        }

        await using var second = await DurableCluster.StartAsync(db, serviceId);
        var replayed = second.Client.GetGrain<IIncidentGrain>("inc-replay");
        Assert.Equal(Json(before), Json(await replayed.GetAsync()));
        Assert.Equal(Json(timelineBefore), Json(await replayed.GetTimelineAsync()));
        Assert.Equal(["pruned logs", "expanded volume"], before.ResolutionSteps.AsEnumerable());
        await Assert.ThrowsAsync<InvalidTransitionException>(() => replayed.InvestigateAsync("bob"));
    }

    [Fact]
    public async Task ADurableStreamEventDeliveredTwiceIsProcessedOnceAlsoAfterARestart()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        var serviceId = NewServiceId();
        const string id = "k8s:prod:node/n-dup";
        var first = StreamTests.Observed(id, "0.91", "unhealthy");
        await using (var cluster = await DurableCluster.StartAsync(db, serviceId))
        {
            var resource = cluster.Client.GetGrain<IResourceGrain>(id);
            await resource.UpsertAsync(ResourceGrainTests.Spec());
            var stream = cluster.Client.GetStreamProvider(StreamNames.Provider).GetStream<SystemEvent>(StreamId.Create(StreamNames.ResourceEvents, id));
            await stream.OnNextAsync(first);
            await stream.OnNextAsync(first);
            await stream.OnNextAsync(StreamTests.Observed(id, "0.95", "unhealthy"));
            Assert.Equal(2, await StreamTests.EventuallyAsync(resource.GetEventsAppliedAsync, n => n >= 2, TimeSpan.FromSeconds(60)));
            Assert.Equal("0.95", (await resource.GetAsync()).ObservedState["cpu"]);
        }

        await using var restarted = await DurableCluster.StartAsync(db, serviceId);
        var again = restarted.Client.GetGrain<IResourceGrain>(id);
        var replayStream = restarted.Client.GetStreamProvider(StreamNames.Provider).GetStream<SystemEvent>(StreamId.Create(StreamNames.ResourceEvents, id));
        await replayStream.OnNextAsync(first);
        await replayStream.OnNextAsync(StreamTests.Observed(id, "0.40", "healthy"));
        Assert.Equal(3, await StreamTests.EventuallyAsync(again.GetEventsAppliedAsync, n => n >= 3, TimeSpan.FromSeconds(60)));
        var after = await again.GetAsync();
        Assert.Equal(("0.40", ResourceHealth.Healthy), (after.ObservedState["cpu"], after.Health));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
