using AIOps.Abstractions.Alerts;
using AIOps.Grains.Alerts;
using AIOps.Grains.Tests.Durable;
using AIOps.Testing;
using static AIOps.Grains.Tests.Alerts.AlertStoreData;

namespace AIOps.Grains.Tests.Alerts;

/// <summary>Both alert stores follow the same change rules; the durable one against a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AlertStoreTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task AnAlertFiresRepeatsResolvesAndFiresAgainOnlyWithALaterStart(string kind)
    {
        var (store, owner) = await CreateAsync(kind, postgres);
        await using var _ = owner;
        var t1 = T0.AddMinutes(30);
        var steps = new (AlertNotification Notification, AlertChange Expected)[]
        {
            (Alert("n1", AlertStatus.Firing, T0), AlertChange.Firing),
            (Alert("n1", AlertStatus.Firing, T0), AlertChange.Repeat),
            (Alert("n1", AlertStatus.Resolved, T0), AlertChange.Resolved),
            (Alert("n1", AlertStatus.Firing, T0), AlertChange.Repeat),
            (Alert("n1", AlertStatus.Resolved, T0), AlertChange.Repeat),
            (Alert("n1", AlertStatus.Firing, t1), AlertChange.Firing),
            (Alert("n1", AlertStatus.Resolved, T0), AlertChange.Repeat),
        };
        var changes = new List<AlertChange>();
        foreach (var (notification, _) in steps)
        {
            changes.Add(Assert.Single((await store.WriteAsync(new AlertBatch([notification]), [])).Changes));
        }

        Assert.Equal(steps.Select(s => s.Expected), changes);
        var stored = Assert.Single((await store.QueryAsync(new AlertQuery())).Items);
        Assert.Equal((AlertStatus.Firing, t1, 7L, AlertChange.Repeat), (stored.Status, stored.StartsAt, stored.Notifications, stored.LastChange));
        Assert.Equal($"am:n1:{t1.ToUnixTimeMilliseconds()}:firing", stored.LastEventId);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task OneBatchCollapsesRepeatsIntoOneSignalAndKeepsEveryTransitionInOrder(string kind)
    {
        var (store, owner) = await CreateAsync(kind, postgres);
        await using var _ = owner;
        var batch = new AlertBatch(
        [
            Alert("a", AlertStatus.Firing, T0),
            Alert("a", AlertStatus.Firing, T0),
            Alert("b", AlertStatus.Firing, T0),
            Alert("a", AlertStatus.Firing, T0),
            Alert("a", AlertStatus.Resolved, T0),
            Alert("b", AlertStatus.Firing, T0),
            Alert("a", AlertStatus.Firing, T0.AddMinutes(1)),
        ]);
        Assert.Equal(3, batch.Rounds.Count);

        var result = await store.WriteAsync(batch, []);

        Assert.Equal(
            [AlertChange.Firing, AlertChange.Repeat, AlertChange.Firing, AlertChange.Repeat, AlertChange.Resolved, AlertChange.Repeat, AlertChange.Firing],
            result.Changes.AsEnumerable());
        Assert.Equal(
            [("a", AlertChange.Firing, 3), ("b", AlertChange.Firing, 2), ("a", AlertChange.Resolved, 1), ("a", AlertChange.Firing, 1)],
            result.Signals.Select(s => (s.Event.Data["fingerprint"], s.Change, s.Occurrences)));
        Assert.Equal(2, result.NewAlerts["am"]);
        var page = await store.QueryAsync(new AlertQuery(Status: AlertStatus.Firing));
        Assert.Equal([(5L, "a"), (2L, "b")], page.Items.Select(a => (a.Notifications, a.Fingerprint)).OrderBy(a => a.Fingerprint));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task RowsStayPendingUntilTheirLatestVersionIsMarkedDelivered(string kind)
    {
        var (store, owner) = await CreateAsync(kind, postgres);
        await using var _ = owner;
        var now = DateTimeOffset.UtcNow;
        var longAgo = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero).AddMinutes(-10);
        var first = await store.WriteAsync(new AlertBatch([Alert("p", AlertStatus.Firing, T0, longAgo), Alert("q", AlertStatus.Firing, T0, longAgo)]), []);
        var second = await store.WriteAsync(new AlertBatch([Alert("p", AlertStatus.Firing, T0, longAgo.AddSeconds(1))]), []);

        var pending = await store.PendingAsync(DateTimeOffset.UtcNow, 10);
        Assert.Equal(["p", "q"], pending.Select(p => p.Delivery.Fingerprint).Order(StringComparer.Ordinal));
        var p = pending.Single(x => x.Delivery.Fingerprint == "p");
        Assert.Equal((AlertChange.Firing, 2, longAgo), (p.Signal.Change, p.Signal.Occurrences, p.Signal.ReceivedAt));
        Assert.Equal("am:p:" + T0.ToUnixTimeMilliseconds() + ":firing", p.Signal.Event.Id);

        // The first batch's delivery names version 1 of p: p was written again since, so it stays pending.
        await store.MarkDeliveredAsync(first.Deliveries);
        var left = Assert.Single(await store.PendingAsync(DateTimeOffset.UtcNow, 10));
        Assert.Equal("p", left.Delivery.Fingerprint);
        Assert.Empty(await store.PendingAsync(longAgo, 10));

        await store.WriteAsync(new AlertBatch([Alert("r", AlertStatus.Firing, T0)]), second.Deliveries);
        Assert.Equal(["r"], (await store.PendingAsync(DateTimeOffset.UtcNow.AddSeconds(1), 10)).Select(x => x.Delivery.Fingerprint));
        Assert.Equal([false, false, true], (await store.QueryAsync(new AlertQuery())).Items.OrderBy(a => a.Fingerprint).Select(a => a.Pending));

        // A mark for a row the same batch writes again: only the new write is left to deliver.
        var third = await store.WriteAsync(new AlertBatch([Alert("s", AlertStatus.Firing, T0, longAgo)]), []);
        await store.WriteAsync(new AlertBatch([Alert("s", AlertStatus.Resolved, T0, longAgo.AddSeconds(5))]), third.Deliveries);
        var s = Assert.Single(await store.PendingAsync(longAgo.AddSeconds(6), 10));
        Assert.Equal(("s", AlertChange.Resolved, 1, longAgo.AddSeconds(5)), (s.Delivery.Fingerprint, s.Signal.Change, s.Signal.Occurrences, s.Signal.ReceivedAt));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task LabelsAndAnnotationsComeBackVerbatimAndTheQueryFiltersAndPages(string kind)
    {
        var (store, owner) = await CreateAsync(kind, postgres);
        await using var _ = owner;
        var sent = Alert("v", AlertStatus.Firing, T0, resource: "k8s:prod:node/n1");
        await store.WriteAsync(new AlertBatch([sent, Alert("w", AlertStatus.Resolved, T0, source: "other")]), []);

        var alert = Assert.Single((await store.QueryAsync(new AlertQuery(Source: "am"))).Items);
        Assert.Equal(sent.Labels.OrderBy(l => l.Key), alert.Labels.OrderBy(l => l.Key));
        Assert.Equal(sent.Annotations.OrderBy(l => l.Key), alert.Annotations.OrderBy(l => l.Key));
        Assert.Equal(("k8s:prod:node/n1", T0, (DateTimeOffset?)null, 1L), (alert.ResourceId, alert.StartsAt, alert.EndsAt, alert.Notifications));
        var resolved = Assert.Single((await store.QueryAsync(new AlertQuery(Status: AlertStatus.Resolved))).Items);
        Assert.Equal(("other", AlertChange.Resolved, (DateTimeOffset?)T0.AddMinutes(5)), (resolved.Source, resolved.LastChange, resolved.EndsAt));
        Assert.Equal("k8s:prod:node/n1", Assert.Single((await store.QueryAsync(new AlertQuery(ResourceId: "k8s:prod:node/n1"))).Items).ResourceId);
        var page = await store.QueryAsync(new AlertQuery(Offset: 1, Limit: 1));
        Assert.Equal((2, 1), (page.Total, page.Items.Count));
        await Assert.ThrowsAsync<AIOps.Abstractions.ValidationException>(() => store.QueryAsync(new AlertQuery(Limit: 0)));

        // By key (how a restarted correlator gets its incidents' labels back): the ones that exist, once each.
        var byKey = await store.GetAsync([("am", "v"), ("other", "w"), ("am", "missing"), ("am", "v")]);
        Assert.Equal(["am/v", "other/w"], byKey.Select(a => $"{a.Source}/{a.Fingerprint}").Order(StringComparer.Ordinal));
        Assert.Equal(sent.Labels.OrderBy(l => l.Key), byKey.Single(a => a.Fingerprint == "v").Labels.OrderBy(l => l.Key));
        Assert.Empty(await store.GetAsync([]));
    }
}
