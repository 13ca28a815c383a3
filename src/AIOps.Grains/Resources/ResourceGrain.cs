using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Live;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Catalog;
using AIOps.Grains.Topology;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace AIOps.Grains.Resources;

/// <summary>
/// One managed resource. It consumes its own event stream through an implicit subscription that is only bound
/// when an event arrives, so an idle resource costs no stream machinery. Changes of its declaration (cost per hour
/// included), its health and its deletion go to the live feed; observations that leave health as it was do not, or
/// the feed would be as chatty as the metrics.
/// </summary>
[ImplicitStreamSubscription(StreamNames.ResourceEvents)]
public sealed partial class ResourceGrain(
    [PersistentState("resource", StorageNames.Grains)] IPersistentState<ResourceState> state,
    IResourceGraph graph,
    IResourceCatalog catalog,
    TimeProvider clock,
    ILogger<ResourceGrain> logger)
    : Grain, IResourceGrain, IStreamSubscriptionObserver, IAsyncObserver<SystemEvent>
{
    // What this activation last gave the catalog; null after activation, so the first change or upsert relists.
    private ResourceSummary? _listed;

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.PoolStrings();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ManagedResource> UpsertAsync(ResourceSpec spec)
    {
        ResourceValidation.Validate(Id, spec);
        var s = state.State;
        var tags = ResourceState.Flatten(spec.Tags);
        var desired = ResourceState.Flatten(spec.DesiredState);
        var dependencies = spec.Dependencies.IsDefault ? [] : spec.Dependencies.Distinct().Select(StringPool.Intern).ToArray();
        var location = spec.Location ?? "";
        if (s.Exists && s.Provider == spec.Provider && s.Kind == spec.Kind && s.Name == spec.Name && s.Location == location
            && s.CostPerHour == spec.CostPerHour && s.Tags.SequenceEqual(tags) && s.DesiredState.SequenceEqual(desired)
            && s.Dependencies.SequenceEqual(dependencies))
        {
            // Inventory syncs upsert unchanged resources: that repairs a catalog entry a failed write left behind.
            await ListAsync();
            return s.ToResource(Id);
        }

        var now = clock.GetUtcNow();
        if (!s.Exists)
        {
            s.CreatedAt = now;
            s.Health = ResourceHealth.Unknown;
        }

        s.Provider = StringPool.Intern(spec.Provider);
        s.Kind = StringPool.Intern(spec.Kind);
        s.Name = spec.Name;
        s.Location = StringPool.Intern(location);
        s.Tags = tags;
        s.DesiredState = desired;
        var dependenciesChanged = !s.Dependencies.SequenceEqual(dependencies);
        s.Dependencies = dependencies;
        s.CostPerHour = spec.CostPerHour;
        s.UpdatedAt = now;
        s.Version++;
        await state.WriteStateAsync();
        if (dependenciesChanged)
        {
            await graph.SetDependenciesAsync(Id, dependencies);
        }

        await ListAsync();
        var resource = s.ToResource(Id);
        await PublishAsync(resource);
        return resource;
    }

    /// <inheritdoc />
    public async Task<bool> ApplyInventoryAsync(InventoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var spec = record.Spec;
        ResourceValidation.Validate(Id, spec);
        if (!Enum.IsDefined(record.Health))
        {
            throw new ValidationException("health", "must be unknown, healthy, degraded or unhealthy");
        }

        var s = state.State;
        var tags = ResourceState.Flatten(spec.Tags);
        var desired = ResourceState.Flatten(spec.DesiredState);
        var observed = ResourceState.Flatten(record.Observed);
        var dependencies = spec.Dependencies.IsDefault ? [] : spec.Dependencies.Distinct().Select(StringPool.Intern).ToArray();
        var location = spec.Location ?? "";
        var declared = s.Exists && s.Provider == spec.Provider && s.Kind == spec.Kind && s.Name == spec.Name && s.Location == location
            && s.CostPerHour == spec.CostPerHour && s.Tags.SequenceEqual(tags) && s.DesiredState.SequenceEqual(desired)
            && s.Dependencies.SequenceEqual(dependencies);
        if (declared && s.ObservedState.SequenceEqual(observed) && s.Health == record.Health && !s.Stale && s.Source == record.Source)
        {
            await ListAsync();
            return false;
        }

        var now = clock.GetUtcNow();
        var created = !s.Exists;
        if (created)
        {
            s.CreatedAt = now;
        }

        var healthBefore = s.Health;
        s.Provider = StringPool.Intern(spec.Provider);
        s.Kind = StringPool.Intern(spec.Kind);
        s.Name = spec.Name;
        s.Location = StringPool.Intern(location);
        s.Tags = tags;
        s.DesiredState = desired;
        s.ObservedState = observed;
        var dependenciesChanged = !s.Dependencies.SequenceEqual(dependencies);
        s.Dependencies = dependencies;
        s.CostPerHour = spec.CostPerHour;
        s.Health = record.Health;
        s.Source = StringPool.Intern(record.Source);
        s.Stale = false;
        s.ObservedAt = now;
        s.UpdatedAt = now;
        s.Version++;
        state.State.PoolStrings();
        await state.WriteStateAsync();
        if (dependenciesChanged)
        {
            await graph.SetDependenciesAsync(Id, dependencies);
        }

        await ListAsync();
        if (created || !declared || healthBefore != s.Health)
        {
            await PublishAsync(s.ToResource(Id));
        }

        return true;
    }

    /// <inheritdoc />
    public async Task SetStaleAsync(string source, bool stale)
    {
        if (!state.State.Exists || state.State.Source != source || state.State.Stale == stale)
        {
            return;
        }

        state.State.Stale = stale;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<ManagedResource> GetAsync() =>
        Task.FromResult(state.State.Exists ? state.State.ToResource(Id) : throw new NotFoundException("resource", Id));

    /// <inheritdoc />
    public Task<ManagedResource?> FindAsync() => Task.FromResult(state.State.Exists ? state.State.ToResource(Id) : null);

    /// <inheritdoc />
    public async Task<ManagedResource> ObserveAsync(ImmutableDictionary<string, string> observed, ResourceHealth health)
    {
        if (!state.State.Exists)
        {
            throw new NotFoundException("resource", Id);
        }

        if (!Enum.IsDefined(health))
        {
            throw new ValidationException("health", "must be unknown, healthy, degraded or unhealthy");
        }

        var healthBefore = state.State.Health;
        Observe(observed, health, null);
        await state.WriteStateAsync();
        await ListAsync();
        var resource = state.State.ToResource(Id);
        if (health != healthBefore)
        {
            await PublishAsync(resource);
        }

        return resource;
    }

    /// <inheritdoc />
    public async Task<LeaseResult> AcquireLeaseAsync(LeaseRequest request)
    {
        LeaseRules.Validate(request);
        EnsureManaged();
        var result = LeaseRules.Decide(state.State.Lease, request, clock.GetUtcNow());
        if (result.Outcome != LeaseOutcome.Refused && result.Lease != state.State.Lease)
        {
            state.State.Lease = result.Lease;
            await state.WriteStateAsync();
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<LeaseResult> MarkExecutingAsync(string actionId, TimeSpan duration)
    {
        EnsureManaged();
        var now = clock.GetUtcNow();
        var current = CurrentLease(now);
        if (current is null || current.ActionId != actionId)
        {
            return new LeaseResult(LeaseOutcome.Refused, current, null,
                current is null ? $"action '{actionId}' holds no lease on the resource" : $"action '{current.ActionId}' holds the lease, not '{actionId}'");
        }

        if (duration < LeaseRules.MinDuration || duration > LeaseRules.MaxDuration)
        {
            throw new ValidationException("duration", $"must be between {LeaseRules.MinDuration} and {LeaseRules.MaxDuration}");
        }

        state.State.Lease = current with { Executing = true, ExpiresAt = now + duration };
        await state.WriteStateAsync();
        return new LeaseResult(LeaseOutcome.Granted, state.State.Lease, null, "executing");
    }

    /// <inheritdoc />
    public async Task ReleaseLeaseAsync(string actionId)
    {
        if (state.State.Lease is { } lease && lease.ActionId == actionId)
        {
            state.State.Lease = null;
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetDependentsAsync(int limit) =>
        limit is < 1 or > 10_000 ? throw new ValidationException("limit", "must be between 1 and 10000") : graph.GetDependentsAsync(Id, limit);

    /// <inheritdoc />
    public Task<ResourceLease?> GetLeaseAsync() => Task.FromResult(CurrentLease(clock.GetUtcNow()));

    /// <inheritdoc />
    public async Task DeleteAsync()
    {
        var deleted = state.State.Exists ? state.State.ToResource(Id) : null;
        // Unlisted first: if clearing the state then fails, the next upsert lists the resource again.
        _listed = null;
        await catalog.RemoveAsync(Id);
        if (state.State.Dependencies.Length > 0)
        {
            await graph.SetDependenciesAsync(Id, []);
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new ResourceState();
        if (deleted is not null)
        {
            await PublishAsync(deleted with { UpdatedAt = clock.GetUtcNow() }, deleted: true);
        }

        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public Task<long> GetEventsAppliedAsync() => Task.FromResult(state.State.EventsApplied);

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        await handleFactory.Create<SystemEvent>().ResumeAsync(this);
    }

    /// <inheritdoc />
    public async Task OnNextAsync(SystemEvent item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var recent = state.State.RecentEvents ??= new RecentEventIds();
        if (recent.Contains(item.Id))
        {
            LogDuplicate(logger, item.Id, Id);
            return;
        }

        if (!state.State.Exists)
        {
            LogUnmanaged(logger, item.Id, Id);
            return;
        }

        var healthBefore = state.State.Health;
        if (item.Type == EventTypes.ResourceObserved)
        {
            var health = item.Data.TryGetValue("health", out var h) && Enum.TryParse<ResourceHealth>(h, ignoreCase: true, out var parsed)
                ? parsed
                : state.State.Health;
            Observe(item.Data.Remove("health"), health, item.Timestamp);
        }

        recent.Add(item.Id);
        state.State.EventsApplied++;
        await state.WriteStateAsync();
        await ListAsync();
        if (state.State.Health != healthBefore)
        {
            await PublishAsync(state.State.ToResource(Id));
        }
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(logger, ex, Id);
        return Task.CompletedTask;
    }

    /// <summary>Writes the catalog entry after a stored change, unless the listed fields are what this activation listed already.</summary>
    private async Task ListAsync()
    {
        var entry = CatalogEntries.From(Id, state.State);
        if (_listed is null || !CatalogEntries.SameListing(_listed, entry))
        {
            await catalog.UpsertAsync(entry);
            _listed = entry;
        }
    }

    private Task PublishAsync(ManagedResource resource, bool deleted = false) =>
        GrainFactory.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key).PublishAsync(
            new LiveUpdate(LiveKinds.Resource, Id, resource.UpdatedAt, Resource: ResourceChange.Of(resource, deleted)));

    private ResourceLease? CurrentLease(DateTimeOffset now) => state.State.Lease is { } lease && lease.ExpiresAt > now ? lease : null;

    private void EnsureManaged()
    {
        if (!state.State.Exists)
        {
            throw new NotFoundException("resource", Id);
        }
    }

    private void Observe(ImmutableDictionary<string, string>? observed, ResourceHealth health, DateTimeOffset? at)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        if (observed is { Count: > 0 })
        {
            s.ObservedState = ResourceState.Flatten(ResourceState.Expand(s.ObservedState).SetItems(observed));
        }

        s.Health = health;
        s.ObservedAt = at ?? now;
        s.UpdatedAt = now;
        s.Version++;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped event {EventId} for resource {ResourceId}: applied already")]
    private static partial void LogDuplicate(ILogger logger, string eventId, string resourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored event {EventId}: resource {ResourceId} is not managed")]
    private static partial void LogUnmanaged(ILogger logger, string eventId, string resourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream of resource {ResourceId} failed")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string resourceId);
}
