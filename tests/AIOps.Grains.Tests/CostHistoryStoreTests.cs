using AIOps.Grains.Costs;
using AIOps.Grains.Tests.Durable;
using AIOps.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AIOps.Grains.Tests;

/// <summary>The cost history in memory and in PostgreSQL: the same snapshots give the same trend from both.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CostHistoryStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Snapshots every 5 minutes for an hour: aws grows 1/h per snapshot, azure stays, a team appears halfway.</summary>
    private static async Task RecordAsync(ICostHistoryStore store)
    {
        for (var i = 0; i < 12; i++)
        {
            var samples = new List<CostSample>
            {
                new(CostDimensions.Total, "all", 10m + i),
                new(CostDimensions.Provider, "aws", 5m + i),
                new(CostDimensions.Provider, "azure", 5m),
            };
            if (i >= 6)
            {
                samples.Add(new CostSample(CostDimensions.Team, "payments", 2.5m));
            }

            await store.AppendAsync(Start.AddMinutes(5 * i), samples);
        }
    }

    private static async Task AssertTrendAsync(ICostHistoryStore store)
    {
        // 20-minute steps over the hour: 4 snapshots each, averaged.
        var byProvider = await store.QueryAsync(CostDimensions.Provider, null, Start, Start.AddHours(1), TimeSpan.FromMinutes(20));
        var aws = Assert.Single(byProvider, s => s.Key == "aws");
        Assert.Equal([(Start, 6.5m), (Start.AddMinutes(20), 10.5m), (Start.AddMinutes(40), 14.5m)], aws.Points.Select(p => (p.At, decimal.Round(p.PerHour, 4))));
        Assert.All(Assert.Single(byProvider, s => s.Key == "azure").Points, p => Assert.Equal(5m, decimal.Round(p.PerHour, 4)));

        // Only the asked keys; steps without a snapshot have no point; the range's end is exclusive.
        var onlyAws = await store.QueryAsync(CostDimensions.Provider, ["aws"], Start.AddMinutes(30), Start.AddMinutes(45), TimeSpan.FromMinutes(5));
        Assert.Equal([30, 35, 40], Assert.Single(onlyAws).Points.Select(p => (int)(p.At - Start).TotalMinutes));
        var team = await store.QueryAsync(CostDimensions.Team, null, Start, Start.AddHours(1), TimeSpan.FromMinutes(20));
        Assert.Equal([Start.AddMinutes(20), Start.AddMinutes(40)], Assert.Single(team).Points.Select(p => p.At));
        Assert.Empty(await store.QueryAsync(CostDimensions.Kind, null, Start, Start.AddHours(1), TimeSpan.FromMinutes(20)));
    }

    [Fact]
    public async Task InMemoryTrendsAverageTheSnapshotsOfEachStep()
    {
        var store = new InMemoryCostHistoryStore(new FakeTimeProvider(Start.AddHours(1)));
        await RecordAsync(store);
        await AssertTrendAsync(store);
    }

    [Fact]
    public async Task PostgreSqlGivesTheSameTrendAndKeepsItAcrossARestart()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await RecordAsync(new PostgresCostHistoryStore(dataSource));
        }

        await using var reopened = NpgsqlDataSource.Create(connectionString);
        await AssertTrendAsync(new PostgresCostHistoryStore(reopened));
    }

    [Fact]
    public async Task InMemorySnapshotsOlderThanTheRetentionAreDropped()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryCostHistoryStore(clock);
        await store.AppendAsync(Start, [new CostSample(CostDimensions.Total, "all", 1m)]);
        clock.Advance(InMemoryCostHistoryStore.Retention + TimeSpan.FromMinutes(1));
        await store.AppendAsync(clock.GetUtcNow(), [new CostSample(CostDimensions.Total, "all", 2m)]);
        var series = await store.QueryAsync(CostDimensions.Total, null, Start.AddDays(-1), clock.GetUtcNow().AddMinutes(1), TimeSpan.FromDays(1));
        Assert.Equal([2m], Assert.Single(series).Points.Select(p => p.PerHour));
    }
}
