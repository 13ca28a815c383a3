using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Resources;
using Orleans.Runtime;

namespace AIOps.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class StreamTests(ClusterFixture fixture)
{
    internal static SystemEvent Observed(string resourceId, string cpu, string health = "degraded") => new(
        "evt-" + Guid.NewGuid().ToString("N"), EventTypes.ResourceObserved, "test", Severity.Medium,
        ImmutableDictionary<string, string>.Empty.Add("cpu", cpu).Add("health", health), DateTimeOffset.UtcNow, null, resourceId);

    internal static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task AResourceEventReachesTheResourceGrainThroughItsImplicitSubscription()
    {
        var id = $"k8s:test:node/{Guid.NewGuid():N}";
        var resource = fixture.Client.GetGrain<IResourceGrain>(id);
        await resource.UpsertAsync(ResourceGrainTests.Spec());
        var stream = fixture.Client.GetStreamProvider(StreamNames.Provider).GetStream<SystemEvent>(StreamId.Create(StreamNames.ResourceEvents, id));

        await stream.OnNextAsync(Observed(id, "0.93"));

        var after = await EventuallyAsync(resource.GetAsync, r => r.Health == ResourceHealth.Degraded);
        Assert.Equal(ResourceHealth.Degraded, after.Health);
        Assert.Equal("0.93", after.ObservedState["cpu"]);
        Assert.False(after.ObservedState.ContainsKey("health"));
    }

    [Fact]
    public async Task AnEventDeliveredTwiceIsAppliedOnce()
    {
        var id = $"k8s:test:node/{Guid.NewGuid():N}";
        var resource = fixture.Client.GetGrain<IResourceGrain>(id);
        await resource.UpsertAsync(ResourceGrainTests.Spec());
        var stream = fixture.Client.GetStreamProvider(StreamNames.Provider).GetStream<SystemEvent>(StreamId.Create(StreamNames.ResourceEvents, id));
        var first = Observed(id, "0.50");
        var second = Observed(id, "0.60");

        await stream.OnNextAsync(first);
        await stream.OnNextAsync(first);
        await stream.OnNextAsync(second);

        // The stream keeps order, so once the second event is in, the duplicate has been seen too.
        Assert.Equal(2, await EventuallyAsync(resource.GetEventsAppliedAsync, n => n >= 2));
        var version = (await resource.GetAsync()).Version;
        await stream.OnNextAsync(first);
        await stream.OnNextAsync(Observed(id, "0.70"));
        Assert.Equal(3, await EventuallyAsync(resource.GetEventsAppliedAsync, n => n >= 3));
        Assert.Equal(version + 1, (await resource.GetAsync()).Version);
    }

    [Fact]
    public async Task AnAgentCountsEventsOnlyWhileRunning()
    {
        var id = "agent-" + Guid.NewGuid().ToString("N");
        var agent = fixture.Client.GetGrain<IAgentGrain>(id);
        await agent.ConfigureAsync(AgentGrainTests.Config(id), "alice");
        var stream = fixture.Client.GetStreamProvider(StreamNames.Provider).GetStream<SystemEvent>(StreamId.Create(StreamNames.AgentEvents, id));

        await stream.OnNextAsync(Observed("r1", "1"));
        Assert.Equal(1, (await EventuallyAsync(agent.GetStatusAsync, s => s.EventsIgnored >= 1)).EventsIgnored);
        await agent.StartAsync();
        var routed = Observed("r1", "2");
        await stream.OnNextAsync(routed);
        await stream.OnNextAsync(routed);
        await stream.OnNextAsync(Observed("r1", "3"));

        var status = await EventuallyAsync(agent.GetStatusAsync, s => s.EventsProcessed >= 2);
        Assert.Equal((2, 1), (status.EventsProcessed, status.EventsIgnored));
        Assert.NotNull(status.LastEventAt);
    }
}
