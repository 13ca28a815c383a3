using System.Collections.Immutable;
using AIOps.Abstractions.Alerts;
using AIOps.Grains.Alerts;
using AIOps.Grains.Tests.Durable;
using AIOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static AIOps.Grains.Tests.Alerts.AlertStoreData;

namespace AIOps.Grains.Tests.Alerts;

/// <summary>The intake's group commit over both alert stores: shared commits, answers after the commit, delivery, redelivery.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AlertStoreGroupCommitTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task RequestsQueuedDuringACommitShareTheNextOneAndAnswerOnlyOnceStored(string kind)
    {
        var (inner, owner) = await CreateAsync(kind, postgres);
        await using var _ = owner;
        var store = new GatedAlertStore(inner);
        var delivered = new List<ImmutableArray<AlertSignal>>();
        var commit = new AlertGroupCommit(store, s => { lock (delivered) { delivered.Add(s); } return Task.CompletedTask; }, new ShiftedClock(TimeSpan.Zero), NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = commit.RunAsync(stop.Token);

        var first = commit.AcceptAsync([Alert("first", AlertStatus.Firing, T0)]);
        await store.FirstWriteStarted.Task;
        var queued = Enumerable.Range(0, 10).Select(i => commit.AcceptAsync([Alert("n" + (i % 3), AlertStatus.Firing, T0), Alert("x" + i, AlertStatus.Firing, T0)])).ToList();
        Assert.False(first.IsCompleted);
        Assert.Empty((await inner.QueryAsync(new AlertQuery())).Items);
        Assert.All(queued, q => Assert.False(q.IsCompleted));

        store.Release();
        Assert.Equal([AlertChange.Firing], (await first).AsEnumerable());
        var answers = await Task.WhenAll(queued);

        Assert.Equal([1, 20], store.Writes.Take(2).Select(w => w.Notifications));
        Assert.Equal([AlertChange.Firing, AlertChange.Firing], answers[0].AsEnumerable());
        Assert.Equal([AlertChange.Repeat, AlertChange.Firing], answers[5].AsEnumerable());
        Assert.Equal(14, (await inner.QueryAsync(new AlertQuery())).Total);
        await stop.CancelAsync();
        await running;
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task EachCommitIsDeliveredInOneCallAndMarkedDeliveredWithTheNextCommit(string kind)
    {
        var (store, owner) = await CreateAsync(kind, postgres);
        await using var _ = owner;
        var calls = new List<ImmutableArray<AlertSignal>>();
        var firstDelivery = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new AlertGroupCommit(store, s =>
        {
            lock (calls)
            {
                calls.Add(s);
            }

            return Task.CompletedTask;
        }, new ShiftedClock(TimeSpan.Zero), NullLogger.Instance)
        {
            Delivered = _ => firstDelivery.TrySetResult(),
        };
        using var stop = new CancellationTokenSource();
        var running = commit.RunAsync(stop.Token);

        await commit.AcceptAsync([Alert("d1", AlertStatus.Firing, T0), Alert("d1", AlertStatus.Firing, T0), Alert("d2", AlertStatus.Firing, T0)]);
        await firstDelivery.Task;
        var call = Assert.Single(calls);
        Assert.Equal([("d1", 2), ("d2", 1)], call.Select(s => (s.Event.Data["fingerprint"], s.Occurrences)));

        // Marks ride on the next commit (or go alone when the intake is idle); either way they are applied before this returns.
        await commit.AcceptAsync([Alert("d3", AlertStatus.Firing, T0)]);
        var pending = (await store.QueryAsync(new AlertQuery())).Items.Where(a => a.Pending).Select(a => a.Fingerprint).ToList();
        Assert.DoesNotContain("d1", pending);
        Assert.DoesNotContain("d2", pending);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task UnderLoadTheCommitsOfOneDeliveryIntervalReachTheCorrelatorInOneCall()
    {
        var (store, owner) = await CreateAsync("memory", postgres);
        await using var _ = owner;
        var calls = new List<ImmutableArray<AlertSignal>>();
        var commit = new AlertGroupCommit(store, s =>
        {
            lock (calls)
            {
                calls.Add(s);
            }

            return Task.CompletedTask;
        }, new ShiftedClock(TimeSpan.Zero), NullLogger.Instance)
        {
            DeliveryInterval = TimeSpan.FromSeconds(1),
        };
        using var stop = new CancellationTokenSource();
        var running = commit.RunAsync(stop.Token);

        // The first change after a quiet spell goes at once; the three commits that follow within the interval wait for it and go together.
        await commit.AcceptAsync([Alert("i1", AlertStatus.Firing, T0)]);
        await Eventually(() => { lock (calls) { return calls.Count == 1; } });
        foreach (var name in new[] { "i2", "i3", "i4" })
        {
            await commit.AcceptAsync([Alert(name, AlertStatus.Firing, T0)]);
        }

        lock (calls)
        {
            Assert.Single(calls);
        }

        await Eventually(() => { lock (calls) { return calls.Count == 2; } });
        Assert.Equal(["i1"], calls[0].Select(s => s.Event.Data["fingerprint"]));
        Assert.Equal(["i2", "i3", "i4"], calls[1].Select(s => s.Event.Data["fingerprint"]));
        await stop.CancelAsync();
        await running;
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task AlertsWhoseDeliveryFailedStayPendingAndAreDeliveredOnceByTheNextIntake(string kind)
    {
        var (store, owner) = await CreateAsync(kind, postgres);
        await using var _ = owner;
        var attempted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = new AlertGroupCommit(store, _ =>
        {
            attempted.TrySetResult();
            throw new TimeoutException("the correlator is away");
        }, new ShiftedClock(TimeSpan.Zero), NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = failing.RunAsync(stop.Token);
        Assert.Equal(
            [AlertChange.Firing, AlertChange.Resolved],
            (await failing.AcceptAsync([Alert("lost", AlertStatus.Firing, T0), Alert("gone", AlertStatus.Resolved, T0)])).AsEnumerable());
        await attempted.Task;
        await stop.CancelAsync();
        await running;

        // A later start of the intake (its clock past the redelivery delay) delivers what is still pending, once.
        var redelivered = new List<AlertSignal>();
        var next = new AlertGroupCommit(store, s => { redelivered.AddRange(s); return Task.CompletedTask; }, new ShiftedClock(AlertGroupCommit.RedeliverAfter * 2), NullLogger.Instance);
        Assert.Equal(2, await next.RedeliverPendingAsync());
        Assert.Equal(0, await next.RedeliverPendingAsync());
        Assert.Equal(
            [("gone", AlertChange.Resolved), ("lost", AlertChange.Firing)],
            redelivered.Select(s => (s.Event.Data["fingerprint"], s.Change)).OrderBy(s => s.Item1, StringComparer.Ordinal));
        Assert.All((await store.QueryAsync(new AlertQuery())).Items, a => Assert.False(a.Pending));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task ExactRepeatsOfAStoredStateAreAnsweredWithoutAWriteAndTheirCountsFollowWithTheFlush(string kind)
    {
        var (inner, owner) = await CreateAsync(kind, postgres);
        await using var _ = owner;
        var store = new GatedAlertStore(inner);
        store.Release();
        var delivered = new List<AlertSignal>();
        var absorbed = 0;
        var commit = new AlertGroupCommit(store, s => { lock (delivered) { delivered.AddRange(s); } return Task.CompletedTask; }, new ShiftedClock(TimeSpan.Zero), NullLogger.Instance)
        {
            Absorbed = (_, count) => Interlocked.Add(ref absorbed, count),
        };
        using var stop = new CancellationTokenSource();
        var running = commit.RunAsync(stop.Token);

        Assert.Equal([AlertChange.Firing], (await commit.AcceptAsync([Alert("r1", AlertStatus.Firing, T0, T0)])).AsEnumerable());
        Assert.Equal(
            [AlertChange.Repeat, AlertChange.Repeat],
            (await commit.AcceptAsync([Alert("r1", AlertStatus.Firing, T0, T0.AddSeconds(5)), Alert("r1", AlertStatus.Firing, T0, T0.AddSeconds(6))])).AsEnumerable());
        Assert.Single(store.Writes);
        Assert.Equal(2, absorbed);

        await commit.FlushRepeatsAsync();
        var row = Assert.Single((await inner.QueryAsync(new AlertQuery())).Items);
        Assert.Equal((3L, T0.AddSeconds(6)), (row.Notifications, row.LastSeen));
        await Eventually(() => delivered.Any(s => s.Change == AlertChange.Repeat));
        Assert.Equal((AlertChange.Repeat, 2, T0.AddSeconds(5)), delivered.Where(s => s.Change == AlertChange.Repeat).Select(s => (s.Change, s.Occurrences, s.ReceivedAt)).Single());

        // Changed annotations, a resolution and a late notification of the resolved instance are written, not absorbed.
        var changed = Alert("r1", AlertStatus.Firing, T0, T0.AddSeconds(7)) is var n ? n with { Annotations = n.Annotations.SetItem("summary", "r1 is still down") } : null!;
        Assert.Equal([AlertChange.Repeat], (await commit.AcceptAsync([changed])).AsEnumerable());
        Assert.Equal("r1 is still down", Assert.Single((await inner.QueryAsync(new AlertQuery())).Items).Annotations["summary"]);
        Assert.Equal([AlertChange.Resolved], (await commit.AcceptAsync([Alert("r1", AlertStatus.Resolved, T0, T0.AddSeconds(8))])).AsEnumerable());
        Assert.Equal([AlertChange.Repeat], (await commit.AcceptAsync([Alert("r1", AlertStatus.Firing, T0, T0.AddSeconds(9))])).AsEnumerable());
        Assert.Equal(4, store.Writes.Count);
        row = Assert.Single((await inner.QueryAsync(new AlertQuery())).Items);
        Assert.Equal((AlertStatus.Resolved, 6L), (row.Status, row.Notifications));

        // Repeats of the resolved state are absorbed again, and their count reaches the row.
        Assert.Equal([AlertChange.Repeat], (await commit.AcceptAsync([Alert("r1", AlertStatus.Resolved, T0, T0.AddSeconds(10))])).AsEnumerable());
        Assert.Equal(4, store.Writes.Count);
        await stop.CancelAsync();
        await running;
        Assert.Equal(7L, Assert.Single((await inner.QueryAsync(new AlertQuery())).Items).Notifications);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
