using AIOps.Abstractions;
using AIOps.Abstractions.Costs;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Costs;
using AIOps.Grains.Tests.Audit;
using AIOps.Grains.Tests.Durable;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Grains.Tests.Catalog;

/// <summary>Cost reports over both catalogs, checked against sums computed here from the same estate.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CostReportTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, CostReportQuery> NamedQueries = new()
    {
        ["everything"] = new CostReportQuery(Top: 7),
        ["one-provider"] = new CostReportQuery(Provider: "k8s"),
        ["one-team-spelled-loosely"] = new CostReportQuery(Team: "PAYMENTS", Top: 3),
        ["one-environment"] = new CostReportQuery(Environment: "prd", Top: 100),
        ["scoped-to-shop"] = new CostReportQuery { Teams = ["shop"] },
        ["scoped-to-nothing"] = new CostReportQuery { Teams = [] },
        ["matching-nothing"] = new CostReportQuery(Provider: "gcp"),
    };

    [Theory]
    [InlineData("memory", "everything")]
    [InlineData("postgres", "everything")]
    [InlineData("memory", "one-provider")]
    [InlineData("postgres", "one-provider")]
    [InlineData("memory", "one-team-spelled-loosely")]
    [InlineData("postgres", "one-team-spelled-loosely")]
    [InlineData("memory", "one-environment")]
    [InlineData("postgres", "one-environment")]
    [InlineData("memory", "scoped-to-shop")]
    [InlineData("postgres", "scoped-to-shop")]
    [InlineData("memory", "scoped-to-nothing")]
    [InlineData("postgres", "scoped-to-nothing")]
    [InlineData("memory", "matching-nothing")]
    [InlineData("postgres", "matching-nothing")]
    public async Task TheReportSumsWhatAnIndependentComputationSums(string kind, string name)
    {
        var query = NamedQueries[name];
        var catalog = await ResourceCatalogTests.CatalogAsync(postgres, kind);
        var estate = await ResourceCatalogTests.SeedAsync(catalog, 400);
        var report = await new CostReportService(catalog, new ManualClock(Now)).GetReportAsync(query);

        var team = query.Team?.ToLowerInvariant();
        var environment = query.Environment == "prd" ? "production" : query.Environment;
        var covered = estate
            .Where(r => query.Provider is null || r.Provider == query.Provider)
            .Where(r => team is null || r.Team == team)
            .Where(r => environment is null || r.Environment == environment)
            .Where(r => query.Teams is not { } scope || r.Team is null || scope.Contains(r.Team))
            .ToList();
        var total = covered.Sum(r => r.CostPerHour);

        Assert.Equal(Now, report.GeneratedAt);
        Assert.Equal(covered.Count, report.ResourceCount);
        Assert.Equal(covered.Count(r => r.CostPerHour == 0), report.ResourcesWithoutCost);
        Assert.Equal(new CostRate(total, total * 24, total * 720), report.Total);
        Assert.Equal(Expected(covered, r => r.Provider), Actual(report.ByProvider));
        Assert.Equal(Expected(covered, r => r.Team), Actual(report.ByTeam));
        Assert.Equal(Expected(covered, r => r.Kind), Actual(report.ByKind));
        Assert.Equal(Expected(covered, r => r.Environment), Actual(report.ByEnvironment));
        Assert.Equal(total, report.ByProvider.Sum(g => g.Cost.PerHour));
        Assert.Equal(covered.Count, report.ByTeam.Sum(g => g.ResourceCount));

        var top = covered.Where(r => r.CostPerHour > 0).OrderByDescending(r => r.CostPerHour).ThenBy(r => r.Id, StringComparer.Ordinal).Take(query.Top).ToList();
        Assert.Equal(top.Select(r => (r.Id, r.CostPerHour * 720)), report.TopResources.Select(r => (r.Id, r.Cost.PerMonth)));
    }

    [Theory]
    [InlineData("memory", 0)]
    [InlineData("postgres", 101)]
    public async Task ATopOutsideOneToAHundredIsAValidationError(string kind, int top)
    {
        var catalog = await ResourceCatalogTests.CatalogAsync(postgres, kind);
        var service = new CostReportService(catalog, TimeProvider.System);
        var error = await Assert.ThrowsAsync<ValidationException>(() => service.GetReportAsync(new CostReportQuery(Top: top)));
        Assert.Equal(["top"], error.Errors.Keys);
    }

    [Fact]
    public async Task AHundredThousandResourcesAreSummedInPostgreSqlToTheExactTotal()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(db);
        await using (var fill = dataSource.CreateCommand(
            """
            INSERT INTO aiops_resource_catalog (id, provider, kind, name, location, team, environment, health, cost_per_hour, updated_at, version)
            SELECT 'r-' || lpad(i::text, 6, '0'), (ARRAY['aws','azure','k8s'])[1 + i % 3], 'vm', 'vm-' || i, 'eu',
                   CASE WHEN i % 10 = 0 THEN NULL ELSE 'team-' || (i % 40) END, 'production', 'healthy',
                   CASE WHEN i % 9 = 0 THEN 0 ELSE (i % 997) * 0.0013 END, now(), 1
            FROM generate_series(1, 100000) AS i
            """))
        {
            await fill.ExecuteNonQueryAsync();
        }

        // The expectation is computed here, not by the database: i % 9 = 0 costs nothing, the rest (i % 997) * 0.0013.
        var expected = Enumerable.Range(1, 100_000).Where(i => i % 9 != 0).Sum(i => (i % 997) * 0.0013m);
        var expectedTeam7 = Enumerable.Range(1, 100_000).Where(i => i % 10 != 0 && i % 40 == 7 && i % 9 != 0).Sum(i => (i % 997) * 0.0013m);
        var service = new CostReportService(new Grains.Catalog.PostgresResourceCatalog(dataSource), TimeProvider.System);

        var report = await service.GetReportAsync(new CostReportQuery(Top: 3));
        Assert.Equal(100_000, report.ResourceCount);
        Assert.Equal(Enumerable.Range(1, 100_000).Count(i => i % 9 == 0 || i % 997 == 0), report.ResourcesWithoutCost);
        Assert.Equal(expected, report.Total.PerHour);
        Assert.Equal(36 + 1, report.ByTeam.Length);
        Assert.Equal(10_000, Assert.Single(report.ByTeam, g => g.Key is null).ResourceCount);
        Assert.Equal(expectedTeam7, Assert.Single(report.ByTeam, g => g.Key == "team-7").Cost.PerHour);
        Assert.All(report.TopResources, r => Assert.Equal(996 * 0.0013m, r.Cost.PerHour));

        var scoped = await service.GetReportAsync(new CostReportQuery { Teams = ["team-7"] });
        Assert.Equal(2_500 + 10_000, scoped.ResourceCount);
    }

    private static List<(string?, int, decimal)> Expected(List<ResourceSummary> covered, Func<ResourceSummary, string?> key) =>
    [
        .. covered.GroupBy(key)
            .Select(g => (g.Key, g.Count(), g.Sum(r => r.CostPerHour)))
            .OrderByDescending(g => g.Item3).ThenByDescending(g => g.Item2).ThenBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal),
    ];

    private static List<(string?, int, decimal)> Actual(IEnumerable<CostGroup> groups) =>
    [
        .. groups.Select(g =>
        {
            Assert.Equal(CostRate.FromHourly(g.Cost.PerHour), g.Cost);
            return (g.Key, g.ResourceCount, g.Cost.PerHour);
        }),
    ];
}
