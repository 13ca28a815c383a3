using AIOps.Incidents.Models;
using Microsoft.Extensions.Time.Testing;

namespace AIOps.Incidents.Tests;

public sealed class ModelStoreTests
{
    private static readonly ModelMetrics Metrics = new(5, 0.9, 0.88, 0.87, [new ClassMetrics("a", 0.9, 0.8, 10)]);

    [Fact]
    public async Task Versions_count_up_per_name_and_the_latest_is_loaded()
    {
        var store = new InMemoryModelStore(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(await store.LoadLatestAsync("incident-type"));
        var first = await store.SaveAsync("incident-type", new byte[] { 1 }, "sdca", 10, Metrics);
        var second = await store.SaveAsync("incident-type", new byte[] { 2, 3 }, "sdca", 12, Metrics with { Accuracy = 0.95 });
        var other = await store.SaveAsync("remediation-success", new byte[] { 9 }, "fasttree", 4, Metrics);

        Assert.Equal((1, 2, 1), (first.Version, second.Version, other.Version));
        Assert.Equal("incident-type@2", second.Tag);
        var latest = await store.LoadLatestAsync("incident-type");
        Assert.Equal(new byte[] { 2, 3 }, latest!.Value.Model);
        Assert.Equal(0.95, latest.Value.Version.Metrics.Accuracy);
        Assert.Equal([2, 1], (await store.ListAsync("incident-type")).Select(v => v.Version));
        Assert.Equal(new ClassMetrics("a", 0.9, 0.8, 10), Assert.Single(latest.Value.Version.Metrics.Classes));
    }
}
