using AIOps.Abstractions;
using AIOps.Abstractions.Inventory;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Tests;

namespace AIOps.Grains.Tests.Inventory;

[Collection(ClusterCollection.Name)]
public sealed class InventorySyncTests(ClusterFixture fixture)
{
    private ScriptedInventory Source => ClusterFixture.SharedInventory;

    private IInventorySyncGrain Sync => fixture.Cluster.GrainFactory.GetGrain<IInventorySyncGrain>(Source.Name);

    private IResourceGrain Resource(string id) => fixture.Cluster.GrainFactory.GetGrain<IResourceGrain>(id);

    [Fact]
    public async Task ASourceIsListedThenFollowedThroughCreateChangeDeleteAndStaleAndBack()
    {
        Source.Put(ScriptedInventory.Resource("sync:node-1", kind: "node"));
        Source.Put(ScriptedInventory.Resource("sync:pod-1", kind: "pod", dependsOn: "sync:node-1"));
        Source.Put(ScriptedInventory.Resource("sync:pod-2", kind: "pod", dependsOn: "sync:node-1"));

        // First pass: a full listing into grains, dependencies included.
        var status = await Sync.SyncNowAsync();
        Assert.Equal((3, false, 0), (status.Resources, status.Stale, status.ConsecutiveFailures));
        var pod = await Resource("sync:pod-1").GetAsync();
        Assert.Equal(("scripted", ResourceHealth.Healthy, false, "running"), (pod.Source, pod.Health, pod.Stale, pod.ObservedState["state"]));
        Assert.Equal(["sync:node-1"], pod.Dependencies.AsEnumerable());
        Assert.Equal(["sync:pod-1", "sync:pod-2"], (await Resource("sync:node-1").GetDependentsAsync(10)).Order());

        // Changes: one changed, one created, one deleted.
        var before = (await Resource("sync:pod-2").GetAsync()).Version;
        Source.Put(ScriptedInventory.Resource("sync:pod-1", kind: "pod", health: ResourceHealth.Unhealthy, dependsOn: "sync:node-1"));
        Source.Put(ScriptedInventory.Resource("sync:pod-3", kind: "pod", dependsOn: "sync:node-1"));
        Source.Remove("sync:pod-2");
        status = await Sync.SyncNowAsync();
        Assert.Equal(3, status.Resources);
        Assert.Equal(ResourceHealth.Unhealthy, (await Resource("sync:pod-1").GetAsync()).Health);
        Assert.NotNull(await Resource("sync:pod-3").FindAsync());
        Assert.Null(await Resource("sync:pod-2").FindAsync());

        // Idempotent: a pass with nothing new, or a repeated listing, writes nothing.
        var node = (await Resource("sync:node-1").GetAsync()).Version;
        await Sync.SyncNowAsync();
        Assert.Equal(node, (await Resource("sync:node-1").GetAsync()).Version);

        // The source fails: resources stay, marked stale, and retries back off.
        Source.Failing = true;
        status = await Sync.SyncNowAsync();
        Assert.True(status.Stale);
        Assert.Equal(1, status.ConsecutiveFailures);
        Assert.Contains("unreachable", status.LastError, StringComparison.Ordinal);
        Assert.NotNull(status.NextAttemptAt);
        Assert.True((await Resource("sync:pod-3").GetAsync()).Stale);
        status = await Sync.SyncNowAsync();
        Assert.Equal(2, status.ConsecutiveFailures);

        // While it was down pod-3 vanished without a change record; recovery lists again, clears stale and deletes it.
        Source.RemoveSilently("sync:pod-3");
        Source.Failing = false;
        var listings = Source.Listings;
        status = await Sync.SyncNowAsync();
        Assert.Equal((false, 0, listings + 1), (status.Stale, status.ConsecutiveFailures, Source.Listings));
        Assert.False((await Resource("sync:pod-1").GetAsync()).Stale);
        Assert.Null(await Resource("sync:pod-3").FindAsync());
        Assert.Equal(2, status.Resources);
    }

    [Fact]
    public async Task AnUnknownSourceIsNotFound() =>
        await Assert.ThrowsAsync<NotFoundException>(() => fixture.Cluster.GrainFactory.GetGrain<IInventorySyncGrain>("nobody").StartAsync());
}
