using System.Text.Json;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Grains.Actions;
using AIOps.Grains.Tests.Durable;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Grains.Tests.Catalog;

/// <summary>The same behaviour from both action indexes: in memory (embedded mode) and PostgreSQL (durable mode).</summary>
[Collection(PostgresCollection.Name)]
public sealed class ActionIndexTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private async Task<IActionIndex> IndexAsync(string kind) =>
        kind == "memory" ? new InMemoryActionIndex() : new PostgresActionIndex(NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync()));

    private static ActionSummary Action(int n, ActionStatus status = ActionStatus.Pending, string agent = "kubernetes", string[]? targets = null, string[]? teams = null, int version = 1) =>
        new($"act-{n:D3}", agent, "scale", $"action {n}", status, RiskLevel.Medium, [.. targets ?? [$"r-{n}"]], [.. teams ?? []], At.AddMinutes(n), At.AddMinutes(n + version), version);

    // Records holding immutable arrays compare the arrays by reference, so compare what they serialize to.
    private static string Json(ActionSummary action) => JsonSerializer.Serialize(action);

    private static async Task<string[]> IdsAsync(IActionIndex index, ActionQuery query) => [.. (await index.QueryAsync(query)).Items.Select(a => a.Id)];

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task FiltersAndPagesComeNewestFirst(string kind)
    {
        var index = await IndexAsync(kind);
        for (var n = 1; n <= 30; n++)
        {
            await index.PutAsync(Action(n, (ActionStatus)(n % 3), n % 2 == 0 ? "kubernetes" : "terraform", [$"r-{n % 5}", "shared"]));
        }

        var page = await index.QueryAsync(new ActionQuery(Offset: 5, Limit: 10));
        Assert.Equal((30, 5, 10), (page.Total, page.Offset, page.Limit));
        Assert.Equal(Enumerable.Range(16, 10).Reverse().Select(n => $"act-{n:D3}"), page.Items.Select(a => a.Id));
        Assert.Equal(Json(Action(25, ActionStatus.Approved, "terraform", ["r-0", "shared"])), Json(page.Items[0]));

        var executing = Enumerable.Range(1, 30).Where(n => n % 3 == 2).Reverse().Select(n => $"act-{n:D3}");
        Assert.Equal(executing, await IdsAsync(index, new ActionQuery(Status: ActionStatus.Executing, Limit: 500)));
        var kubernetesOnR3 = Enumerable.Range(1, 30).Where(n => n % 2 == 0 && n % 5 == 3).Reverse().Select(n => $"act-{n:D3}");
        Assert.Equal(kubernetesOnR3, await IdsAsync(index, new ActionQuery(AgentId: "kubernetes", ResourceId: "r-3")));
        Assert.Equal(30, (await index.QueryAsync(new ActionQuery(ResourceId: "shared", Limit: 1))).Total);
        Assert.Empty(await IdsAsync(index, new ActionQuery(ResourceId: "r-9")));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task AnOlderVersionNeverReplacesANewerOne(string kind)
    {
        var index = await IndexAsync(kind);
        Assert.True(await index.PutAsync(Action(1, ActionStatus.Pending, version: 1)));
        Assert.True(await index.PutAsync(Action(1, ActionStatus.Completed, version: 4)));
        Assert.False(await index.PutAsync(Action(1, ActionStatus.Approved, version: 2)));
        Assert.False(await index.PutAsync(Action(1, ActionStatus.Completed, version: 4)));
        Assert.Equal(Json(Action(1, ActionStatus.Completed, version: 4)), Json(Assert.Single((await index.QueryAsync(new ActionQuery())).Items)));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task ATeamScopeShowsActionsWhoseTargetTeamsAllLieInItAndActionsWithoutTeams(string kind)
    {
        var index = await IndexAsync(kind);
        await index.PutAsync(Action(1, teams: ["shop"]));
        await index.PutAsync(Action(2, teams: ["payments"]));
        await index.PutAsync(Action(3, teams: ["payments", "shop"]));
        await index.PutAsync(Action(4));

        Assert.Equal(["act-004", "act-003", "act-002", "act-001"], await IdsAsync(index, new ActionQuery()));
        Assert.Equal(["act-004", "act-001"], await IdsAsync(index, new ActionQuery { Teams = ["Shop"] }));
        Assert.Equal(["act-004", "act-003", "act-002", "act-001"], await IdsAsync(index, new ActionQuery { Teams = ["shop", "payments"] }));
        Assert.Equal(["act-004"], await IdsAsync(index, new ActionQuery { Teams = [] }));
    }

    [Theory]
    [InlineData("memory", -1, 10, "offset")]
    [InlineData("postgres", 0, 501, "limit")]
    public async Task ABadQueryIsAValidationErrorNamingTheParameter(string kind, int offset, int limit, string field)
    {
        var index = await IndexAsync(kind);
        var error = await Assert.ThrowsAsync<ValidationException>(() => index.QueryAsync(new ActionQuery(Offset: offset, Limit: limit)));
        Assert.Equal([field], error.Errors.Keys);
    }
}
