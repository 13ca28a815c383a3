using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ResourceGrainTests(ClusterFixture fixture)
{
    internal static ResourceSpec Spec(decimal cost = 0.096m) => new(
        "aws", "ec2-instance", "web-1", "eu-west-1",
        ImmutableDictionary<string, string>.Empty.Add("env", "prod"),
        ImmutableDictionary<string, string>.Empty.Add("instanceType", "m5.large"),
        ["aws:ebs:eu-west-1:vol-1"], cost);

    private IResourceGrain NewResource() => fixture.Client.GetGrain<IResourceGrain>($"aws:ec2:eu-west-1:i-{Guid.NewGuid():N}");

    [Fact]
    public async Task UpsertCreatesThenUpdatesAndKeepsTheObservedState()
    {
        var grain = NewResource();
        var created = await grain.UpsertAsync(Spec());
        Assert.Equal(1, created.Version);
        Assert.Equal(ResourceHealth.Unknown, created.Health);

        var observed = await grain.ObserveAsync(ImmutableDictionary<string, string>.Empty.Add("instanceType", "m5.xlarge"), ResourceHealth.Healthy);
        Assert.Equal("m5.xlarge", observed.ObservedState["instanceType"]);

        var updated = await grain.UpsertAsync(Spec(cost: 0.192m));
        Assert.Equal(0.192m, updated.CostPerHour);
        Assert.Equal("m5.xlarge", updated.ObservedState["instanceType"]);
        Assert.Equal(ResourceHealth.Healthy, updated.Health);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal(3, updated.Version);
    }

    [Fact]
    public async Task AnUnchangedDeclarationWritesNothing()
    {
        var grain = NewResource();
        var first = await grain.UpsertAsync(Spec());
        var second = await grain.UpsertAsync(Spec());
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.UpdatedAt, second.UpdatedAt);
    }

    [Fact]
    public async Task InvalidDeclarationsNameEveryBadFieldAndStoreNothing()
    {
        var grain = NewResource();
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            grain.UpsertAsync(Spec(cost: -1) with { Kind = "", Name = " " }));
        Assert.Equal(["costPerHour", "kind", "name"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await grain.FindAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => grain.GetAsync());
    }

    [Fact]
    public async Task DeleteForgetsTheResource()
    {
        var grain = NewResource();
        await grain.UpsertAsync(Spec());
        await grain.DeleteAsync();
        await grain.DeleteAsync();
        Assert.Null(await grain.FindAsync());
    }
}
