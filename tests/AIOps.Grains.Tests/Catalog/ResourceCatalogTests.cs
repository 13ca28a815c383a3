using AIOps.Abstractions;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Catalog;
using AIOps.Grains.Tests.Durable;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Grains.Tests.Catalog;

/// <summary>The same behaviour from both catalogs: in memory (embedded mode) and PostgreSQL (durable mode).</summary>
[Collection(PostgresCollection.Name)]
public sealed class ResourceCatalogTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    internal static async Task<IResourceCatalog> CatalogAsync(PostgresFixture postgres, string kind) =>
        kind == "memory" ? new InMemoryResourceCatalog() : new PostgresResourceCatalog(NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync()));

    internal static async Task<List<ResourceSummary>> SeedAsync(IResourceCatalog catalog, int count)
    {
        var estate = CatalogData.Estate(count);
        foreach (var resource in estate)
        {
            Assert.True(await catalog.UpsertAsync(resource));
        }

        return estate;
    }

    private static ResourceSummary Entry(string id, long version, string? team = null, string name = "web", ResourceHealth health = ResourceHealth.Healthy) =>
        new(id, "aws", "vm", name, "eu-west-1", team, "production", health, 0.5m, At.AddSeconds(version), version);

    private static readonly Dictionary<string, ResourceQuery> NamedQueries = new()
    {
        ["everything"] = new ResourceQuery(),
        ["provider-and-kind"] = new ResourceQuery(Provider: "azure", Kind: "vm"),
        ["team-and-environment-spelled-loosely"] = new ResourceQuery(Team: " Shop ", Environment: "prod", Offset: 3, Limit: 4),
        ["health-and-text"] = new ResourceQuery(Health: ResourceHealth.Degraded, Text: "WEB", Limit: 500),
        ["text-in-id"] = new ResourceQuery(Text: "aws:0001", Offset: 2, Limit: 3),
        ["last-partial-page"] = new ResourceQuery(Offset: 390, Limit: 50),
        ["past-the-end"] = new ResourceQuery(Offset: 1000),
    };

    [Theory]
    [InlineData("memory", "everything")]
    [InlineData("postgres", "everything")]
    [InlineData("memory", "provider-and-kind")]
    [InlineData("postgres", "provider-and-kind")]
    [InlineData("memory", "team-and-environment-spelled-loosely")]
    [InlineData("postgres", "team-and-environment-spelled-loosely")]
    [InlineData("memory", "health-and-text")]
    [InlineData("postgres", "health-and-text")]
    [InlineData("memory", "text-in-id")]
    [InlineData("postgres", "text-in-id")]
    [InlineData("memory", "last-partial-page")]
    [InlineData("postgres", "last-partial-page")]
    [InlineData("memory", "past-the-end")]
    [InlineData("postgres", "past-the-end")]
    public async Task FiltersAndPagesMatchAnIndependentFilterOverTheEstate(string kind, string name)
    {
        var query = NamedQueries[name];
        var catalog = await CatalogAsync(postgres, kind);
        var estate = await SeedAsync(catalog, 400);
        var team = query.Team?.Trim().ToLowerInvariant();
        var environment = query.Environment == "prod" ? "production" : query.Environment;
        var expected = estate
            .Where(r => query.Provider is null || r.Provider == query.Provider)
            .Where(r => query.Kind is null || r.Kind == query.Kind)
            .Where(r => team is null || r.Team == team)
            .Where(r => environment is null || r.Environment == environment)
            .Where(r => query.Health is null || r.Health == query.Health)
            .Where(r => query.Text is null || r.Name.ToUpperInvariant().Contains(query.Text.ToUpperInvariant(), StringComparison.Ordinal)
                || r.Id.ToUpperInvariant().Contains(query.Text.ToUpperInvariant(), StringComparison.Ordinal))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

        var page = await catalog.QueryAsync(query);

        Assert.Equal(expected.Count, page.Total);
        Assert.Equal((query.Offset, query.Limit), (page.Offset, page.Limit));
        Assert.Equal(expected.Skip(query.Offset).Take(query.Limit), page.Items);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task PagingThroughTheWholeCatalogReturnsEveryResourceOnceInIdOrder(string kind)
    {
        var catalog = await CatalogAsync(postgres, kind);
        var estate = await SeedAsync(catalog, 230);
        var seen = new List<string>();
        for (var offset = 0; ; offset += 50)
        {
            var page = await catalog.QueryAsync(new ResourceQuery(Offset: offset, Limit: 50));
            Assert.Equal(230, page.Total);
            if (page.Items.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Items.Select(r => r.Id));
        }

        Assert.Equal(estate.Select(r => r.Id).Order(StringComparer.Ordinal), seen);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task AnOlderVersionNeverReplacesANewerOneAndTheSameVersionIsANoOp(string kind)
    {
        var catalog = await CatalogAsync(postgres, kind);
        Assert.True(await catalog.UpsertAsync(Entry("vm-1", 1, name: "first")));
        Assert.True(await catalog.UpsertAsync(Entry("vm-1", 3, name: "third", health: ResourceHealth.Unhealthy)));
        Assert.False(await catalog.UpsertAsync(Entry("vm-1", 2, name: "second")));
        Assert.False(await catalog.UpsertAsync(Entry("vm-1", 3, name: "third again")));

        var listed = Assert.Single((await catalog.QueryAsync(new ResourceQuery())).Items);
        Assert.Equal(Entry("vm-1", 3, name: "third", health: ResourceHealth.Unhealthy), listed);

        await catalog.RemoveAsync("vm-1");
        await catalog.RemoveAsync("vm-1");
        Assert.Equal(0, (await catalog.QueryAsync(new ResourceQuery())).Total);

        // A resource deleted and created again starts over at version 1.
        Assert.True(await catalog.UpsertAsync(Entry("vm-1", 1, name: "reborn")));
        Assert.Equal("reborn", Assert.Single((await catalog.QueryAsync(new ResourceQuery())).Items).Name);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task ATeamScopeShowsItsTeamsAndResourcesWithoutATeamOnly(string kind)
    {
        var catalog = await CatalogAsync(postgres, kind);
        await catalog.UpsertAsync(Entry("a-shop", 1, "shop"));
        await catalog.UpsertAsync(Entry("b-payments", 1, "payments"));
        await catalog.UpsertAsync(Entry("c-none", 1));
        await catalog.UpsertAsync(Entry("d-platform", 1, "platform"));

        async Task<string[]> Ids(ResourceQuery query) => [.. (await catalog.QueryAsync(query)).Items.Select(r => r.Id)];

        Assert.Equal(["a-shop", "b-payments", "c-none", "d-platform"], await Ids(new ResourceQuery()));
        Assert.Equal(["a-shop", "c-none"], await Ids(new ResourceQuery { Teams = ["Shop"] }));
        Assert.Equal(["a-shop", "b-payments", "c-none"], await Ids(new ResourceQuery { Teams = ["shop", "payments", " "] }));
        Assert.Equal(["c-none"], await Ids(new ResourceQuery { Teams = [] }));
        Assert.Equal(["c-none"], await Ids(new ResourceQuery { Teams = default(System.Collections.Immutable.ImmutableArray<string>) }));
        Assert.Empty(await Ids(new ResourceQuery(Team: "payments") { Teams = ["shop"] }));
        Assert.Equal(1, (await catalog.QueryAsync(new ResourceQuery(Team: "shop") { Teams = ["shop"] })).Total);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task TextSearchTreatsLikeWildcardsAsPlainCharacters(string kind)
    {
        var catalog = await CatalogAsync(postgres, kind);
        await catalog.UpsertAsync(Entry("x1", 1, name: "cart_v2"));
        await catalog.UpsertAsync(Entry("x2", 1, name: "cartxv2"));
        await catalog.UpsertAsync(Entry("x3", 1, name: "100%-ready"));
        await catalog.UpsertAsync(Entry("x4", 1, name: "back\\slash"));

        Assert.Equal("x1", Assert.Single((await catalog.QueryAsync(new ResourceQuery(Text: "t_v"))).Items).Id);
        Assert.Equal("x3", Assert.Single((await catalog.QueryAsync(new ResourceQuery(Text: "0%-"))).Items).Id);
        Assert.Equal("x4", Assert.Single((await catalog.QueryAsync(new ResourceQuery(Text: "k\\s"))).Items).Id);
        Assert.Equal(2, (await catalog.QueryAsync(new ResourceQuery(Text: "CART"))).Total);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task TeamsAreLookedUpByIdForResourcesThatHaveOne(string kind)
    {
        var catalog = await CatalogAsync(postgres, kind);
        await catalog.UpsertAsync(Entry("a", 1, "shop"));
        await catalog.UpsertAsync(Entry("b", 1));
        var teams = await catalog.GetTeamsAsync(["a", "b", "missing"]);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "shop" }, teams);
        Assert.Empty(await catalog.GetTeamsAsync([]));
    }

    [Theory]
    [InlineData("memory", -1, 10, "offset")]
    [InlineData("postgres", 0, 0, "limit")]
    [InlineData("memory", 0, 501, "limit")]
    [InlineData("postgres", 0, 10, "health")]
    public async Task ABadQueryIsAValidationErrorNamingTheParameter(string kind, int offset, int limit, string field)
    {
        var catalog = await CatalogAsync(postgres, kind);
        var query = new ResourceQuery(Offset: offset, Limit: limit, Health: field == "health" ? (ResourceHealth)42 : null);
        var error = await Assert.ThrowsAsync<ValidationException>(() => catalog.QueryAsync(query));
        Assert.Equal([field], error.Errors.Keys);
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => catalog.QueryAsync(new ResourceQuery(Text: new string('x', 201))));
        Assert.Equal(["q"], tooLong.Errors.Keys);
    }
}
