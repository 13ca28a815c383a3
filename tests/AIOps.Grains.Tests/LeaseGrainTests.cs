using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Resources;

namespace AIOps.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class LeaseGrainTests(ClusterFixture fixture)
{
    private async Task<IResourceGrain> NewResourceAsync()
    {
        var grain = fixture.Client.GetGrain<IResourceGrain>($"k8s:prod:deployment/shop/cart-{Guid.NewGuid():N}");
        await grain.UpsertAsync(ResourceGrainTests.Spec());
        return grain;
    }

    [Fact]
    public async Task TwoAgentsRacingForOneResourceEndWithTheHigherPriorityHolderWhateverTheOrder()
    {
        var policy = PlatformPolicy.Default;
        for (var round = 0; round < 10; round++)
        {
            var resource = await NewResourceAsync();
            var cost = new LeaseRequest($"cost-{round}", "cost-optimization", policy.PriorityOf(AgentType.CostOptimization), TimeSpan.FromMinutes(1));
            var k8s = new LeaseRequest($"k8s-{round}", "kubernetes", policy.PriorityOf(AgentType.Kubernetes), TimeSpan.FromMinutes(1));
            var results = await Task.WhenAll(resource.AcquireLeaseAsync(cost), resource.AcquireLeaseAsync(k8s));

            Assert.Equal($"k8s-{round}", (await resource.GetLeaseAsync())!.ActionId);
            var costResult = results[0];
            Assert.True(
                costResult.Outcome == LeaseOutcome.Refused || results[1].Outcome == LeaseOutcome.GrantedByPreemption,
                "the loser was either refused or preempted");

            var loser = await resource.MarkExecutingAsync(cost.ActionId, TimeSpan.FromMinutes(1));
            Assert.Equal(LeaseOutcome.Refused, loser.Outcome);
            Assert.Equal(LeaseOutcome.Granted, (await resource.MarkExecutingAsync(k8s.ActionId, TimeSpan.FromMinutes(1))).Outcome);
        }
    }

    [Fact]
    public async Task AnExecutingLeaseIsNotPreemptedAndIsFreeAfterRelease()
    {
        var resource = await NewResourceAsync();
        await resource.AcquireLeaseAsync(new LeaseRequest("tf-1", "terraform", 2, TimeSpan.FromMinutes(1)));
        await resource.MarkExecutingAsync("tf-1", TimeSpan.FromMinutes(1));
        var incident = await resource.AcquireLeaseAsync(new LeaseRequest("ir-1", "incident-response", 4, TimeSpan.FromMinutes(1)));
        Assert.Equal(LeaseOutcome.Refused, incident.Outcome);

        await resource.ReleaseLeaseAsync("ir-1");
        Assert.Equal("tf-1", (await resource.GetLeaseAsync())!.ActionId);
        await resource.ReleaseLeaseAsync("tf-1");
        Assert.Null(await resource.GetLeaseAsync());
        Assert.Equal(LeaseOutcome.Granted, (await resource.AcquireLeaseAsync(new LeaseRequest("ir-1", "incident-response", 4, TimeSpan.FromMinutes(1)))).Outcome);
    }

    [Fact]
    public async Task ALeaseThatIsNotRenewedRunsOutAndAnotherActionGetsTheResource()
    {
        var resource = await NewResourceAsync();
        await resource.AcquireLeaseAsync(new LeaseRequest("dead-holder", "kubernetes", 3, TimeSpan.FromSeconds(1)));
        await resource.MarkExecutingAsync("dead-holder", TimeSpan.FromSeconds(1));
        var next = new LeaseRequest("next", "cost-optimization", 1, TimeSpan.FromMinutes(1));
        var result = await StreamTests.EventuallyAsync(() => resource.AcquireLeaseAsync(next), r => r.Outcome == LeaseOutcome.Granted, TimeSpan.FromSeconds(10));
        Assert.Equal(LeaseOutcome.Granted, result.Outcome);
        Assert.Contains("expired", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeasesAreOnlyForManagedResources()
    {
        var unmanaged = fixture.Client.GetGrain<IResourceGrain>($"k8s:prod:pod/{Guid.NewGuid():N}");
        await Assert.ThrowsAsync<NotFoundException>(() => unmanaged.AcquireLeaseAsync(new LeaseRequest("a", "b", 1, TimeSpan.FromMinutes(1))));
    }
}
