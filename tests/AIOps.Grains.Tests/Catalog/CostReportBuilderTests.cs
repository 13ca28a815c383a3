using AIOps.Abstractions.Costs;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Costs;

namespace AIOps.Grains.Tests.Catalog;

public sealed class CostReportBuilderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static ResourceSummary Resource(string id, decimal cost, string? team = null) =>
        new(id, "aws", "vm", id, "eu", team, null, ResourceHealth.Healthy, cost, At, 1);

    [Fact]
    public void RunRatesAreTheHourlyCostTimesTwentyFourAndSevenHundredTwenty()
    {
        Assert.Equal(new CostRate(0.0416m, 0.9984m, 29.952m), CostRate.FromHourly(0.0416m));
        Assert.Equal(new CostRate(0, 0, 0), CostRate.FromHourly(0));
    }

    [Fact]
    public void GroupsComeMostExpensiveFirstWithTiesBySizeThenNameAndTheUntaggedGroupLast()
    {
        var aggregate = new CostAggregate(
            9, 1, 6m,
            [new CostBucket("aws", 1, 1m), new CostBucket("azure", 5, 3m), new CostBucket("k8s", 3, 2m)],
            [new CostBucket(null, 2, 2m), new CostBucket("shop", 2, 2m), new CostBucket("pay", 2, 2m), new CostBucket("ops", 3, 2m)],
            [], [], []);

        var report = CostReportBuilder.Build(aggregate, At);

        Assert.Equal(["azure", "k8s", "aws"], report.ByProvider.Select(g => g.Key));
        Assert.Equal(["ops", "pay", "shop", null], report.ByTeam.Select(g => g.Key));
        Assert.Equal(new CostRate(6m, 144m, 4320m), report.Total);
        Assert.Equal((9, 1, At), (report.ResourceCount, report.ResourcesWithoutCost, report.GeneratedAt));
        Assert.Empty(report.ByKind);
    }

    [Fact]
    public void TheAccumulatorKeepsTheMostExpensiveResourcesWithCostAndBreaksTiesById()
    {
        var sums = new CostAccumulator(top: 3);
        foreach (var resource in new[]
        {
            Resource("e", 1m), Resource("a", 5m, "shop"), Resource("free", 0m), Resource("c", 3m), Resource("b", 3m), Resource("d", 3m, "shop"),
        })
        {
            sums.Add(resource);
        }

        var report = CostReportBuilder.Build(sums.ToAggregate(), At);

        Assert.Equal(["a", "b", "c"], report.TopResources.Select(r => r.Id));
        Assert.Equal((6, 1, 15m), (report.ResourceCount, report.ResourcesWithoutCost, report.Total.PerHour));
        Assert.Equal([("shop", 2, 8m), (null, 4, 7m)], report.ByTeam.Select(g => (g.Key, g.ResourceCount, g.Cost.PerHour)));
    }

    [Fact]
    public void FewerResourcesWithCostThanAskedForAreAllListed()
    {
        var sums = new CostAccumulator(top: 10);
        sums.Add(Resource("only", 0.5m));
        sums.Add(Resource("free", 0m));
        Assert.Equal(["only"], CostReportBuilder.Build(sums.ToAggregate(), At).TopResources.Select(r => r.Id));
        Assert.Empty(CostReportBuilder.Build(new CostAccumulator(10).ToAggregate(), At).TopResources);
    }
}
