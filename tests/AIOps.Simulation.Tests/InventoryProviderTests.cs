using AIOps.Estate.Inventory;
using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Inventory;
using AIOps.Simulation.Scenarios;

namespace AIOps.Simulation.Tests;

public sealed class InventoryProviderTests
{
    [Fact]
    public async Task SnapshotListsEveryResourceWithItsSpecAndHealth()
    {
        var t = new TestEstate();
        var snapshot = await t.Estate.InventoryProvider.ListAsync(CancellationToken.None);
        Assert.Equal("simulation", t.Estate.InventoryProvider.Name);
        Assert.Equal(t.Estate.Count, snapshot.Resources.Count);
        Assert.All(snapshot.Resources, r => Assert.Equal(r.Id.Split(':')[0], r.Spec.Provider));
        Assert.Equal("0", snapshot.Cursor);
    }

    [Fact]
    public async Task WatchFromTheSnapshotCursorDeliversScenarioAndRemediationChangesInOrder()
    {
        var t = new TestEstate();
        var snapshot = await t.Estate.InventoryProvider.ListAsync(CancellationToken.None);
        var deployment = t.OfKind(ResourceKinds.Deployment).First();
        t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.BadDeploy, deployment.Id));
        t.Estate.Apply(new ScaleAction(deployment.Id, 1));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var changes = new List<InventoryChange>();
        await foreach (var change in t.Estate.InventoryProvider.WatchAsync(snapshot.Cursor, cts.Token))
        {
            changes.Add(change);
            if (change.Kind == InventoryChangeKind.Upserted && change.Id == deployment.Id && change.Resource!.Spec.DesiredState["replicas"] == "1")
            {
                break;
            }
        }

        Assert.Contains(changes, c => c.Kind == InventoryChangeKind.Deleted && c.Id == deployment.Spec.Dependencies[0]);
        Assert.Contains(changes, c => c.Kind == InventoryChangeKind.Upserted && c.Resource!.Spec.Kind == ResourceKinds.Pod);
        var cursors = changes.Select(c => long.Parse(c.Cursor, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(cursors.Order(), cursors);

        var resumed = new List<InventoryChange>();
        await foreach (var change in t.Estate.InventoryProvider.WatchAsync(changes[^3].Cursor, cts.Token))
        {
            resumed.Add(change);
            if (resumed.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(changes.TakeLast(2).Select(c => c.Cursor), resumed.Select(c => c.Cursor));
    }

    [Fact]
    public async Task WatchWakesUpWhenAScheduledScenarioStartsOnTheClock()
    {
        var t = new TestEstate();
        var snapshot = await t.Estate.InventoryProvider.ListAsync(CancellationToken.None);
        var node = t.OfKind(ResourceKinds.Node).First().Id;
        t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.NodeFailure, node, StartAt: t.Now.AddMinutes(1)));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var watch = t.Estate.InventoryProvider.WatchAsync(snapshot.Cursor, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        t.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await next);
        Assert.Equal(node, watch.Current.Id);
        Assert.Equal(Abstractions.Resources.ResourceHealth.Unhealthy, watch.Current.Resource!.Health);
    }

    [Fact]
    public async Task CursorOlderThanTheKeptChangesMustRelist()
    {
        var t = new FakeTime();
        var estate = SimulatedEstate.Create(new EstateOptions { Seed = 5, InventoryLogCapacity = 100 }, t);
        var deployment = estate.Resources().First(r => r.Spec.Kind == ResourceKinds.Deployment).Id;
        for (var i = 0; i < 30; i++)
        {
            estate.Apply(new ScaleAction(deployment, i % 2 == 0 ? 6 : 1));
        }

        await Assert.ThrowsAsync<InventoryCursorExpiredException>(async () =>
        {
            await foreach (var unused in estate.InventoryProvider.WatchAsync("1", CancellationToken.None))
            {
            }
        });
    }

    private sealed class FakeTime : Microsoft.Extensions.Time.Testing.FakeTimeProvider
    {
        public FakeTime()
            : base(TestEstate.Start)
        {
        }
    }
}
