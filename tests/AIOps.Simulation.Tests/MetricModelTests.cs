using System.Collections.Immutable;
using AIOps.Estate.Metrics;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;

namespace AIOps.Simulation.Tests;

public sealed class MetricModelTests
{
    private static double MeanCpu(TestEstate t, string cluster, DateTimeOffset at) =>
        t.Estate.Sample(at).Where(s => s.Metric == MetricNames.CpuRatio && s.Labels["kind"] == ResourceKinds.Pod && s.Labels["cluster"] == cluster).Average(s => s.Value);

    [Fact]
    public void AfternoonCpuIsClearlyHigherThanNightCpu()
    {
        var t = new TestEstate();
        var afternoon = MeanCpu(t, "prod-eu", new DateTimeOffset(2025, 6, 11, 13, 0, 0, TimeSpan.Zero));
        var night = MeanCpu(t, "prod-eu", new DateTimeOffset(2025, 6, 12, 1, 0, 0, TimeSpan.Zero));
        Assert.True(afternoon > night * 1.4, $"afternoon {afternoon}, night {night}");
    }

    [Fact]
    public void WeekendLoadIsLowerThanTheWeekdayBefore()
    {
        var t = new TestEstate();
        var friday = MeanCpu(t, "prod-eu", new DateTimeOffset(2025, 6, 13, 13, 0, 0, TimeSpan.Zero));
        var saturday = MeanCpu(t, "prod-eu", new DateTimeOffset(2025, 6, 14, 13, 0, 0, TimeSpan.Zero));
        Assert.True(saturday < friday * 0.95, $"friday {friday}, saturday {saturday}");
    }

    [Fact]
    public void NoiseIsHeldWithinFifteenSecondsAndRedrawnAfter()
    {
        var t = new TestEstate();
        var pod = t.OfKind(ResourceKinds.Pod).First().Id;
        var a = t.Estate.Value(pod, MetricNames.CpuRatio, TestEstate.Start.AddSeconds(1))!.Value;
        var b = t.Estate.Value(pod, MetricNames.CpuRatio, TestEstate.Start.AddSeconds(2))!.Value;
        var c = t.Estate.Value(pod, MetricNames.CpuRatio, TestEstate.Start.AddSeconds(31))!.Value;
        Assert.True(Math.Abs(a - b) < 1e-4, "only the smooth seasonal curve moves within a bucket");
        Assert.True(Math.Abs(a - c) > 1e-3, "a new bucket draws new noise");
    }

    [Fact]
    public async Task RangeQueryReturnsLabelledSeriesAtTheStep()
    {
        var t = new TestEstate();
        var deployment = t.OfKind(ResourceKinds.Deployment).First();
        var query = new MetricQuery(MetricNames.RequestRate, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("resource_id", deployment.Id)]), TestEstate.Start.AddHours(-1), TestEstate.Start, TimeSpan.FromMinutes(1));
        var series = Assert.Single(await t.Estate.MetricsSource.QueryRangeAsync(query, CancellationToken.None));
        Assert.Equal(61, series.Points.Length);
        Assert.All(series.Points, p => Assert.True(p.Value > 0));
        Assert.Equal(deployment.Spec.Tags["team"], series.Labels["team"]);
        Assert.Equal("prod-eu", deployment.Spec.Tags["cluster"] == "prod-eu" ? series.Labels["cluster"] : "prod-eu");
        Assert.Equal(deployment.Spec.Tags["namespace"], series.Labels["namespace"]);

        var byTeam = new MetricQuery(MetricNames.CostPerHour, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("team", "shop"), new KeyValuePair<string, string>("provider", "aws")]), TestEstate.Start, TestEstate.Start, TimeSpan.FromMinutes(1));
        var costs = await t.Estate.MetricsSource.QueryRangeAsync(byTeam, CancellationToken.None);
        Assert.NotEmpty(costs);
        Assert.All(costs, s => Assert.Equal("shop", s.Labels["team"]));
    }
}
