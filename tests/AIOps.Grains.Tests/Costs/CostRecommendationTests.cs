using System.Collections.Immutable;
using AIOps.Abstractions.Resources;
using AIOps.Estate.Metrics;
using AIOps.Grains.Catalog;
using AIOps.Grains.Costs;
using Microsoft.Extensions.Time.Testing;

namespace AIOps.Grains.Tests.Costs;

/// <summary>Machines judged by their CPU over the window: idle ones stopped, underused ones a size down, the rest left.</summary>
public sealed class CostRecommendationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static ResourceSummary Machine(string id, decimal costPerHour, string? team = "shop") =>
        new(id, "aws", "ec2-instance", id, "eu-west-1", team, "production", ResourceHealth.Healthy, costPerHour, Now, 1);

    /// <summary>CPU series per machine spread over the queried window (or its last <c>span</c> part), as a metrics source answers.</summary>
    private sealed class FakeCpu(Dictionary<string, double[]> cpu, Dictionary<string, double>? spans = null) : IMetricsSource
    {
        public List<MetricQuery> Queries { get; } = [];

        public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(MetricQuery query, CancellationToken cancellationToken)
        {
            Queries.Add(query);
            IReadOnlyList<MetricSeries> series = query.Matchers.GetValueOrDefault("kind") == "ec2-instance"
                ? [.. cpu.Select(c => new MetricSeries(query.Metric,
                    ImmutableSortedDictionary<string, string>.Empty.Add("resource_id", c.Key).Add("kind", "ec2-instance"),
                    [.. c.Value.Select((v, i) => new MetricPoint(At(query, c.Key, i, c.Value.Length), v))]))]
                : [];
            return Task.FromResult(series);
        }

        private DateTimeOffset At(MetricQuery query, string id, int i, int count)
        {
            var covered = (query.To - query.From) * (spans?.GetValueOrDefault(id, 1.0) ?? 1.0);
            return query.To - covered + (covered * i / count);
        }
    }

    [Fact]
    public async Task IdleMachinesAreStoppedUnderusedOnesGoASizeDownAndBusyOrUnmeasuredOnesAreLeft()
    {
        var catalog = new InMemoryResourceCatalog();
        foreach (var machine in new[] { Machine("idle", 0.40m), Machine("underused", 0.20m, team: null), Machine("busy", 0.80m), Machine("unmeasured", 1m), Machine("free", 0m), Machine("young", 2m) })
        {
            await catalog.UpsertAsync(machine);
        }

        // Spikes in 2 points of 40 stay above the 95th percentile (nearest rank: the 38th value); a third would not.
        var idle = Enumerable.Repeat(0.01, 39).Append(0.5).ToArray();
        var underused = Enumerable.Repeat(0.10, 38).Concat([0.9, 0.9]).ToArray();
        var metrics = new FakeCpu(new()
        {
            ["idle"] = idle,
            ["underused"] = underused,
            ["busy"] = Enumerable.Repeat(0.10, 37).Concat([0.9, 0.9, 0.9]).ToArray(),
            ["free"] = Enumerable.Repeat(0.0, 40).ToArray(),
            // A quarter of the window's history is not enough to judge, however idle.
            ["young"] = Enumerable.Repeat(0.0, 10).ToArray(),
        }, spans: new() { ["young"] = 0.25 });
        var service = new CostRecommendationService(catalog, metrics, grains: null!, new FakeTimeProvider(Now));

        var report = await service.RecommendAsync(null, TimeSpan.FromHours(1));

        Assert.Equal(["idle:idle-machine:288", "underused:underused-machine:72"],
            report.Recommendations.Select(r => $"{r.ResourceId}:{r.Type}:{r.EstimatedMonthlySavings:0}"));
        Assert.Equal(360m, report.EstimatedMonthlySavings);
        Assert.Equal((3, 2), (report.MachinesAnalysed, report.MachinesWithoutHistory));
        Assert.Contains("CPU p95 1.0%", report.Recommendations[0].Evidence[0], StringComparison.Ordinal);
        var query = Assert.Single(metrics.Queries, q => q.Matchers.GetValueOrDefault("kind") == "ec2-instance");
        Assert.Equal((Now.AddHours(-1), Now, CostRecommendationService.CpuMetric), (query.From, query.To, query.Metric));

        // A team-scoped caller only gets their team's machines (and untagged ones).
        var scoped = await service.RecommendAsync(["payments"], TimeSpan.FromHours(1));
        Assert.Equal(["underused"], scoped.Recommendations.Select(r => r.ResourceId));
    }

    [Theory]
    [InlineData(new[] { 0.3 }, 0.95, 0.3)]
    [InlineData(new[] { 0.1, 0.2, 0.3, 0.4 }, 0.5, 0.2)]
    [InlineData(new[] { 0.4, 0.1, 0.3, 0.2 }, 0.95, 0.4)]
    public void PercentilesAreNearestRank(double[] values, double p, double expected) =>
        Assert.Equal(expected, CostRecommendationService.Percentile(values, p));
}
