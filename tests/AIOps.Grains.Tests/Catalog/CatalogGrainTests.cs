using System.Collections.Immutable;
using System.Text.Json;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Incidents;
using AIOps.Grains.Journal;

namespace AIOps.Grains.Tests.Catalog;

/// <summary>The grains keep the catalog and the indexes current as they change.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CatalogGrainTests(ClusterFixture fixture)
{
    private static ResourceSpec Spec(string name, string? team, string env = "prod", decimal cost = 0.25m) => new(
        "aws", "ec2-instance", name, "eu-west-1",
        team is null ? ImmutableDictionary<string, string>.Empty.Add("env", env) : ImmutableDictionary<string, string>.Empty.Add("team", team).Add("env", env),
        ImmutableDictionary<string, string>.Empty, [], cost);

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static async Task<ResourceSummary?> ListedAsync(string id) =>
        (await ClusterFixture.SharedCatalog.QueryAsync(new ResourceQuery(Text: id))).Items.SingleOrDefault();

    [Fact]
    public async Task AResourceIsListedWithItsTeamAndEnvironmentAndFollowsEveryChangeUntilDeleted()
    {
        var id = NewId("aws:ec2:eu-west-1:i");
        var grain = fixture.Client.GetGrain<IResourceGrain>(id);
        await grain.UpsertAsync(Spec("web", team: "Shop"));
        var listed = await ListedAsync(id);
        Assert.Equal(("shop", "production", ResourceHealth.Unknown, 0.25m, 1L), (listed?.Team, listed?.Environment, listed?.Health, listed?.CostPerHour, listed?.Version));

        await grain.ObserveAsync(ImmutableDictionary<string, string>.Empty, ResourceHealth.Degraded);
        var updated = await grain.UpsertAsync(Spec("web-renamed", team: null, env: "staging", cost: 1.5m));
        Assert.Equal(
            new ResourceSummary(id, "aws", "ec2-instance", "web-renamed", "eu-west-1", null, "staging", ResourceHealth.Degraded, 1.5m, updated.UpdatedAt, 3),
            await ListedAsync(id));

        await grain.DeleteAsync();
        Assert.Null(await ListedAsync(id));

        var again = await grain.UpsertAsync(Spec("web", team: "ops"));
        Assert.Equal((1L, "ops"), (again.Version, (await ListedAsync(id))?.Team));
    }

    [Fact]
    public async Task AnActionIsIndexedWithTheTeamsOfItsTargetsAndFollowsItsStatus()
    {
        var shop = NewId("aws:ec2:eu-west-1:i");
        var untagged = NewId("aws:ec2:eu-west-1:i");
        await fixture.Client.GetGrain<IResourceGrain>(shop).UpsertAsync(Spec("a", team: "shop"));
        await fixture.Client.GetGrain<IResourceGrain>(untagged).UpsertAsync(Spec("b", team: null));
        var id = NewId("act");
        var grain = fixture.Client.GetGrain<IAgentActionGrain>(id);
        await grain.ProposeAsync(new ProposedAction("kubernetes", "restart", "restart a and b", [shop, untagged, "not-managed"], RiskLevel.Low, "", "k"));

        var listed = Assert.Single((await ClusterFixture.SharedActionIndex.QueryAsync(new ActionQuery(ResourceId: shop))).Items);
        Assert.Equal((id, ActionStatus.Pending, 1), (listed.Id, listed.Status, listed.Version));
        Assert.Equal(["shop"], listed.Teams.AsEnumerable());
        Assert.Equal([shop, untagged, "not-managed"], listed.TargetResources.AsEnumerable());

        await grain.ApproveAsync("carol", null);
        var approved = Assert.Single((await ClusterFixture.SharedActionIndex.QueryAsync(new ActionQuery(ResourceId: shop))).Items);
        Assert.Equal((ActionStatus.Approved, 2), (approved.Status, approved.Version));
        Assert.Empty((await ClusterFixture.SharedActionIndex.QueryAsync(new ActionQuery(ResourceId: shop) { Teams = ["payments"] })).Items);
    }

    [Fact]
    public async Task AnIncidentKeepsItsTeamAndTheListingHonoursATeamScope()
    {
        var shop = NewId("inc");
        var payments = NewId("inc");
        var nobody = NewId("inc");
        var opened = await fixture.Client.GetGrain<IIncidentGrain>(shop).OpenAsync(new NewIncident("cart down", "", Severity.High, [], null, "alice") { Team = " Shop " });
        Assert.Equal("shop", opened.Team);
        await fixture.Client.GetGrain<IIncidentGrain>(payments).OpenAsync(new NewIncident("psp slow", "", Severity.Low, [], null, "alice") { Team = "payments" });
        await fixture.Client.GetGrain<IIncidentGrain>(nobody).OpenAsync(new NewIncident("dns flaps", "", Severity.Low, [], null, "alice"));
        Assert.Equal("shop", (await fixture.Client.GetGrain<IIncidentGrain>(shop).InvestigateAsync("bob")).Team);

        var index = fixture.Client.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key);
        var scoped = (await index.QueryAsync(new IncidentQuery(Limit: 500) { Teams = ["SHOP"] })).Items;
        Assert.Equal("shop", Assert.Single(scoped, i => i.Id == shop).Team);
        Assert.Contains(scoped, i => i.Id == nobody);
        Assert.DoesNotContain(scoped, i => i.Id == payments);
        Assert.All(scoped, i => Assert.True(i.Team is null || i.Team == "shop"));
        Assert.Contains((await index.QueryAsync(new IncidentQuery(Limit: 500))).Items, i => i.Id == payments);

        var tooLong = await Assert.ThrowsAsync<ValidationException>(() =>
            fixture.Client.GetGrain<IIncidentGrain>(NewId("inc")).OpenAsync(new NewIncident("x", "", Severity.Low, [], null, "a") { Team = new string('t', 101) }));
        Assert.True(tooLong.Errors.ContainsKey("team"));
    }

    [Fact]
    public void AnOpenedEventJournaledBeforeTeamsExistedStillReadsWithoutATeam()
    {
        const string stored = """{"$type":"opened","actor":"alice","at":"2026-11-01T10:00:00+00:00","title":"t","description":"d","severity":"high","affectedResources":["r1"],"detectedAt":"2026-11-01T09:59:00+00:00"}""";
        var opened = Assert.IsType<IncidentOpened>(JsonSerializer.Deserialize<IncidentEvent>(stored, JournalJson.Options));
        Assert.Null(opened.Team);
        var state = new IncidentState();
        state.Apply(opened);
        Assert.Equal(("t", (string?)null), (state.Title, state.Team));
    }
}
