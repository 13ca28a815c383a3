using System.Collections.Concurrent;
using System.Collections.Immutable;
using AIOps.Abstractions.Live;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Live;

namespace AIOps.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ResourceLiveFeedTests(ClusterFixture fixture)
{
    private static readonly ImmutableDictionary<string, string> NoObservations = ImmutableDictionary<string, string>.Empty;

    [Fact]
    public async Task AResourcePublishesItsDeclarationHealthCostAndDeletionButNotObservationsThatLeaveHealthAlone()
    {
        var id = $"aws:ec2:eu-west-1:i-{Guid.NewGuid():N}";
        var relay = new RecordingRelay(id);
        var feed = fixture.Client.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
        var reference = fixture.Client.CreateObjectReference<ILiveFeedObserver>(relay);
        await feed.SubscribeAsync(reference);
        try
        {
            var grain = fixture.Client.GetGrain<IResourceGrain>(id);
            var created = await grain.UpsertAsync(ResourceGrainTests.Spec());
            await relay.WaitForAsync(c => c.Version == created.Version);

            var degraded = await grain.ObserveAsync(NoObservations, ResourceHealth.Degraded);
            await relay.WaitForAsync(c => c.Version == degraded.Version);

            var stillDegraded = await grain.ObserveAsync(NoObservations.Add("cpu", "93"), ResourceHealth.Degraded);
            // Several flush intervals: had the observation been published, it would have been sent by now.
            await Task.Delay(LiveFeedGrain.FlushInterval * 4);
            var unchanged = await grain.UpsertAsync(ResourceGrainTests.Spec());
            var dearer = await grain.UpsertAsync(ResourceGrainTests.Spec(cost: 0.5m));
            await relay.WaitForAsync(c => c.Version == dearer.Version);

            await grain.DeleteAsync();
            await relay.WaitForAsync(c => c.Deleted);

            Assert.Equal(stillDegraded.Version, unchanged.Version);
            Assert.Equal(
                [(created.Version, ResourceHealth.Unknown, 0.096m, false), (degraded.Version, ResourceHealth.Degraded, 0.096m, false), (dearer.Version, ResourceHealth.Degraded, 0.5m, false), (dearer.Version, ResourceHealth.Degraded, 0.5m, true)],
                relay.Changes.Select(c => (c.Version, c.Health, c.CostPerHour, c.Deleted)));
            Assert.All(relay.Changes, c => Assert.Equal((id, "web-1"), (c.Id, c.Name)));
        }
        finally
        {
            await feed.UnsubscribeAsync(reference);
            fixture.Client.DeleteObjectReference<ILiveFeedObserver>(reference);
        }
    }

    private sealed class RecordingRelay(string id) : ILiveFeedObserver
    {
        private readonly ConcurrentQueue<ResourceChange> _changes = new();

        public IReadOnlyList<ResourceChange> Changes => [.. _changes];

        public Task OnUpdatesAsync(IReadOnlyList<LiveUpdate> updates)
        {
            foreach (var update in updates)
            {
                if (update is { Kind: LiveKinds.Resource, Resource: { } change } && update.EntityId == id)
                {
                    Assert.Equal(change.At, update.At);
                    _changes.Enqueue(change);
                }
            }

            return Task.CompletedTask;
        }

        public async Task WaitForAsync(Func<ResourceChange, bool> condition)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!_changes.Any(condition) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.True(_changes.Any(condition), "the expected resource change never reached the feed");
        }
    }
}
