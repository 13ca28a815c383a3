using AIOps.Estate.Metrics;
using AIOps.Metrics.Embedded;
using Microsoft.Extensions.Time.Testing;
using static AIOps.Metrics.Tests.Samples;

namespace AIOps.Metrics.Tests;

public sealed class EmbeddedTimeSeriesStoreTests
{
    // A five-minute boundary, so every tier's buckets start at whole steps from here.
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NewSeriesBeyondTheLimitEvictTheSeriesWrittenLeastRecently()
    {
        var time = new FakeTimeProvider(Start);
        var store = new EmbeddedTimeSeriesStore(new EmbeddedStoreOptions { MaxSeries = 3 }, time);
        await store.WriteAsync([Sample("cpu", Start, 1, ("id", "a")), Sample("cpu", Start, 1, ("id", "b")), Sample("mem", Start, 1, ("id", "c"))], default);
        await store.WriteAsync([Sample("cpu", Start.AddSeconds(1), 2, ("id", "a"))], default);

        await store.WriteAsync([Sample("disk", Start.AddSeconds(2), 3, ("id", "d"))], default);

        Assert.Equal(new EmbeddedStoreStatistics(3, 1, 0), store.Statistics);
        var cpu = await store.QueryRangeAsync(Query("cpu", Start, Start.AddMinutes(1), TimeSpan.FromSeconds(1)), default);
        Assert.Equal(["a"], cpu.Select(s => s.Labels["id"]));
        Assert.Single(await store.QueryRangeAsync(Query("mem", Start, Start.AddMinutes(1), TimeSpan.FromSeconds(1)), default));
        Assert.Single(await store.QueryRangeAsync(Query("disk", Start, Start.AddMinutes(1), TimeSpan.FromSeconds(1)), default));
    }

    [Fact]
    public async Task RecentRangesComeFromRawPointsAndOlderOnesFromMinuteThenFiveMinuteAverages()
    {
        var time = new FakeTimeProvider(Start);
        var store = new EmbeddedTimeSeriesStore(new EmbeddedStoreOptions(), time);
        const int points = 50 * 120; // 50 hours, one point every 30 s, value = index.
        for (var i = 0; i < points; i++)
        {
            time.SetUtcNow(Start.AddSeconds(30 * i));
            await store.WriteAsync([Sample("load", Start.AddSeconds(30 * i), i, ("id", "x"))], default);
        }

        var now = Start.AddSeconds(30 * (points - 1));

        var raw = Assert.Single(await store.QueryRangeAsync(Query("load", now.AddMinutes(-30), now, TimeSpan.FromSeconds(30)), default));
        Assert.Equal(61, raw.Points.Length);
        Assert.All(raw.Points, p => Assert.Equal((p.Timestamp - Start).TotalSeconds / 30, p.Value));

        var minuteFrom = Start.AddHours(30);
        var minutes = Assert.Single(await store.QueryRangeAsync(Query("load", minuteFrom, minuteFrom.AddHours(1).AddSeconds(-1), TimeSpan.FromMinutes(1)), default));
        Assert.Equal(60, minutes.Points.Length);
        Assert.All(minutes.Points, p => Assert.Equal(((p.Timestamp - Start).TotalMinutes * 2) + 0.5, p.Value));

        var fiveFrom = Start.AddHours(10);
        var fives = Assert.Single(await store.QueryRangeAsync(Query("load", fiveFrom, fiveFrom.AddHours(1).AddSeconds(-1), TimeSpan.FromMinutes(5)), default));
        Assert.Equal(12, fives.Points.Length);
        Assert.All(fives.Points, p => Assert.Equal(((p.Timestamp - Start).TotalMinutes * 2) + 4.5, p.Value));
    }

    [Fact]
    public async Task PointsAreAveragedPerStepFromTheQueryStartAndClippedAtItsEnd()
    {
        var time = new FakeTimeProvider(Start.AddSeconds(10));
        var store = new EmbeddedTimeSeriesStore(new EmbeddedStoreOptions(), time);
        await store.WriteAsync([.. Enumerable.Range(0, 10).Select(i => Sample("q", Start.AddSeconds(i), i))], default);

        var series = Assert.Single(await store.QueryRangeAsync(Query("q", Start.AddSeconds(1), Start.AddSeconds(8), TimeSpan.FromSeconds(3)), default));

        Assert.Equal(
            [new(Start.AddSeconds(1), 2), new(Start.AddSeconds(4), 5), new(Start.AddSeconds(7), 7.5)],
            series.Points.ToArray());
    }

    [Fact]
    public async Task RawPointsBeyondTheCapacityAreDroppedAndOlderRangesFallBackToBuckets()
    {
        var time = new FakeTimeProvider(Start.AddMinutes(1));
        var store = new EmbeddedTimeSeriesStore(new EmbeddedStoreOptions { MaxRawPointsPerSeries = 10 }, time);
        await store.WriteAsync([.. Enumerable.Range(0, 60).Select(i => Sample("q", Start.AddSeconds(i), i))], default);

        var recent = Assert.Single(await store.QueryRangeAsync(Query("q", Start.AddSeconds(50), Start.AddSeconds(59), TimeSpan.FromSeconds(1)), default));
        var whole = Assert.Single(await store.QueryRangeAsync(Query("q", Start, Start.AddSeconds(59), TimeSpan.FromSeconds(1)), default));

        Assert.Equal(Enumerable.Range(50, 10).Select(i => (double)i), recent.Points.Select(p => p.Value));
        Assert.Equal([new MetricPoint(Start, 29.5)], whole.Points.ToArray());
    }

    [Fact]
    public async Task SamplesNotNewerThanTheSeriesAreRejectedAndCounted()
    {
        var store = new EmbeddedTimeSeriesStore(new EmbeddedStoreOptions(), new FakeTimeProvider(Start));

        await store.WriteAsync([Sample("q", Start.AddSeconds(5), 1), Sample("q", Start.AddSeconds(5), 2), Sample("q", Start.AddSeconds(1), 3)], default);

        Assert.Equal(2, store.Statistics.RejectedSamples);
        var series = Assert.Single(await store.QueryRangeAsync(Query("q", Start, Start.AddSeconds(10), TimeSpan.FromSeconds(1)), default));
        Assert.Equal([new MetricPoint(Start.AddSeconds(5), 1)], series.Points.ToArray());
    }

    [Fact]
    public async Task MatchersSelectSeriesByLabelAndAnEmptyValueMeansTheLabelIsAbsent()
    {
        var store = new EmbeddedTimeSeriesStore(new EmbeddedStoreOptions(), new FakeTimeProvider(Start));
        await store.WriteAsync([Sample("up", Start, 1, ("id", "a"), ("zone", "1")), Sample("up", Start, 0, ("id", "b")), Sample("down", Start, 5, ("id", "a"))], default);

        var a = await store.QueryRangeAsync(new MetricQuery("up", Labels(("id", "a")), Start, Start, TimeSpan.FromSeconds(1)), default);
        var noZone = await store.QueryRangeAsync(new MetricQuery("up", Labels(("zone", "")), Start, Start, TimeSpan.FromSeconds(1)), default);

        Assert.Equal(1, Assert.Single(a).Points.Single().Value);
        Assert.Equal("b", Assert.Single(noZone).Labels["id"]);
    }

    [Fact]
    public async Task ConcurrentWritersAndReadersLoseNoPoints()
    {
        var store = new EmbeddedTimeSeriesStore(new EmbeddedStoreOptions(), new FakeTimeProvider(Start.AddHours(1)));
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                await store.WriteAsync([Sample("c", Start.AddMilliseconds(i), i, ("w", w.ToString(System.Globalization.CultureInfo.InvariantCulture)))], default);
                if (i % 100 == 0)
                {
                    await store.QueryRangeAsync(Query("c", Start, Start.AddSeconds(2), TimeSpan.FromMilliseconds(1)), default);
                }
            }
        }));

        await Task.WhenAll(writers);

        var all = await store.QueryRangeAsync(Query("c", Start, Start.AddSeconds(2), TimeSpan.FromMilliseconds(1)), default);
        Assert.Equal(4, all.Count);
        Assert.All(all, s => Assert.Equal(2_000, s.Points.Length));
    }

    private static MetricQuery Query(string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step) => new(metric, Labels(), from, to, step);
}
