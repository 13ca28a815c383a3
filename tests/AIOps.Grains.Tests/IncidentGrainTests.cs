using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;

namespace AIOps.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class IncidentGrainTests(ClusterFixture fixture)
{
    private IIncidentGrain NewIncident() => fixture.Client.GetGrain<IIncidentGrain>("inc-" + Guid.NewGuid().ToString("N"));

    private static NewIncident Sample(string title = "Checkout latency above SLO") =>
        new(title, "p99 at 2.4 s", Severity.High, ["k8s:prod:deployment/shop/cart"], null, "alice");

    [Fact]
    public async Task AnIncidentWalksItsWholeLifeCycleAndKeepsEveryStepInItsTimeline()
    {
        var grain = NewIncident();
        var opened = await grain.OpenAsync(Sample());
        Assert.Equal(IncidentStatus.Open, opened.Status);
        Assert.Equal(1, opened.Version);

        await grain.InvestigateAsync("bob");
        var resolved = await grain.ResolveAsync("incident-response", ["rolled back cart to v41"], automated: true);
        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.True(resolved.AutomatedResolution);
        Assert.Equal(["rolled back cart to v41"], resolved.ResolutionSteps.AsEnumerable());

        var closed = await grain.CloseAsync("bob", "verified");
        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.Equal(4, closed.Version);

        var timeline = await grain.GetTimelineAsync();
        Assert.Equal(["opened", "status-changed", "resolved", "status-changed"], timeline.Select(t => t.Type));
        Assert.Equal([1, 2, 3, 4], timeline.Select(t => t.Version));
        Assert.Equal(["alice", "bob", "incident-response", "bob"], timeline.Select(t => t.Actor));
    }

    [Fact]
    public async Task AClosedIncidentRefusesToGoBackToInvestigatingAndStaysUnchanged()
    {
        var grain = NewIncident();
        await grain.OpenAsync(Sample());
        var closed = await grain.CloseAsync("bob", "false positive");

        var error = await Assert.ThrowsAsync<InvalidTransitionException>(() => grain.InvestigateAsync("bob"));
        Assert.Equal("closed", error.From);
        Assert.Equal("investigating", error.To);
        Assert.Contains("cannot move from 'closed' to 'investigating'", error.Message);

        var after = await grain.GetAsync();
        Assert.Equal((closed.Status, closed.Version, closed.UpdatedAt), (after.Status, after.Version, after.UpdatedAt));
        Assert.Equal(2, (await grain.GetTimelineAsync()).Count);
    }

    [Fact]
    public async Task AResolvedIncidentReopensAndClearsItsResolutionTime()
    {
        var grain = NewIncident();
        await grain.OpenAsync(Sample());
        await grain.ResolveAsync("bob", ["restarted pod"], automated: false);
        var reopened = await grain.ReopenAsync("alertmanager", "alert fired again");
        Assert.Equal(IncidentStatus.Open, reopened.Status);
        Assert.Null(reopened.ResolvedAt);
    }

    [Fact]
    public async Task OpeningTwiceIsAConflictAndOpeningWithoutTitleNamesTheField()
    {
        var grain = NewIncident();
        await grain.OpenAsync(Sample());
        await Assert.ThrowsAsync<ConflictException>(() => grain.OpenAsync(Sample()));

        var fresh = NewIncident();
        var error = await Assert.ThrowsAsync<ValidationException>(() => fresh.OpenAsync(Sample(title: " ")));
        Assert.Contains("title", error.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => fresh.GetAsync());
    }

    [Fact]
    public async Task AnUnknownIncidentIsNotFound()
    {
        var grain = NewIncident();
        await Assert.ThrowsAsync<NotFoundException>(() => grain.GetAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => grain.InvestigateAsync("bob"));
        await Assert.ThrowsAsync<NotFoundException>(() => grain.GetTimelineAsync());
    }

    [Fact]
    public async Task AffectedResourcesAreAddedOnceEach()
    {
        var grain = NewIncident();
        await grain.OpenAsync(Sample());
        var first = await grain.AddAffectedResourcesAsync("rca", ["k8s:prod:node/n1", "k8s:prod:deployment/shop/cart"]);
        var second = await grain.AddAffectedResourcesAsync("rca", ["k8s:prod:node/n1"]);
        Assert.Equal(["k8s:prod:deployment/shop/cart", "k8s:prod:node/n1"], first.AffectedResources.AsEnumerable());
        Assert.Equal(first.Version, second.Version);
    }

    [Fact]
    public async Task TheIndexListsFiltersAndPagesIncidentsNewestFirst()
    {
        var marker = Guid.NewGuid().ToString("N");
        var start = DateTimeOffset.UtcNow.AddYears(5);
        for (var i = 0; i < 5; i++)
        {
            var grain = NewIncident();
            await grain.OpenAsync(new NewIncident($"{marker} {i}", "", i % 2 == 0 ? Severity.Critical : Severity.Low, [], start.AddMinutes(i), "t"));
            if (i == 4)
            {
                await grain.InvestigateAsync("t");
            }
        }

        var index = fixture.Client.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key);
        var page = await index.QueryAsync(new IncidentQuery(Limit: 2));
        Assert.Equal([$"{marker} 4", $"{marker} 3"], page.Items.Select(i => i.Title));
        Assert.True(page.Total >= 5);

        var critical = await index.QueryAsync(new IncidentQuery(MinSeverity: Severity.Critical, Limit: 500));
        Assert.Equal([$"{marker} 4", $"{marker} 2", $"{marker} 0"], critical.Items.Where(i => i.Title.StartsWith(marker, StringComparison.Ordinal)).Select(i => i.Title));

        var investigating = await index.QueryAsync(new IncidentQuery(Status: IncidentStatus.Investigating, Limit: 500));
        Assert.Contains(investigating.Items, i => i.Title == $"{marker} 4");
        Assert.DoesNotContain(investigating.Items, i => i.Title == $"{marker} 3");

        await Assert.ThrowsAsync<ValidationException>(() => index.QueryAsync(new IncidentQuery(Limit: 0)));
        await Assert.ThrowsAsync<ValidationException>(() => index.QueryAsync(new IncidentQuery(Offset: -1)));
    }

    [Fact]
    public async Task TheIndexFindsTheIncidentsAffectingAResourceIncludingOnesAddedLater()
    {
        var resource = "k8s:test:node/" + Guid.NewGuid().ToString("N");
        var first = NewIncident();
        await first.OpenAsync(new NewIncident("node down", "", Severity.High, [resource, "k8s:test:pod/a"], null, "t"));
        var second = NewIncident();
        await second.OpenAsync(new NewIncident("pod crash", "", Severity.Low, ["k8s:test:pod/b"], null, "t"));
        var index = fixture.Client.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key);

        var related = await index.QueryAsync(new IncidentQuery(Limit: 500) { Resource = resource });
        Assert.Equal(["node down"], related.Items.Select(i => i.Title));

        await second.AddAffectedResourcesAsync("t", [resource]);
        related = await index.QueryAsync(new IncidentQuery(Limit: 500) { Resource = resource });
        Assert.Equal(["node down", "pod crash"], related.Items.Select(i => i.Title).Order());
    }
}
