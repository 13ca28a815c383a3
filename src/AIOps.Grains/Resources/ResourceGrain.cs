using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Resources;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace AIOps.Grains.Resources;

/// <summary>
/// One managed resource. It consumes its own event stream through an implicit subscription that is only bound
/// when an event arrives, so an idle resource costs no stream machinery.
/// </summary>
[ImplicitStreamSubscription(StreamNames.ResourceEvents)]
public sealed partial class ResourceGrain(
    [PersistentState("resource", StorageNames.Grains)] IPersistentState<ResourceState> state,
    TimeProvider clock,
    ILogger<ResourceGrain> logger)
    : Grain, IResourceGrain, IStreamSubscriptionObserver, IAsyncObserver<SystemEvent>
{
    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<ManagedResource> UpsertAsync(ResourceSpec spec)
    {
        ResourceValidation.Validate(Id, spec);
        var now = clock.GetUtcNow();
        var current = state.State.Resource;
        var tags = spec.Tags ?? ImmutableDictionary<string, string>.Empty;
        var desired = spec.DesiredState ?? ImmutableDictionary<string, string>.Empty;
        var dependencies = spec.Dependencies.IsDefault ? [] : spec.Dependencies.Distinct().ToImmutableArray();
        var next = current is null
            ? new ManagedResource(
                Id, spec.Provider, spec.Kind, spec.Name, spec.Location ?? "", tags, desired, ImmutableDictionary<string, string>.Empty,
                dependencies, spec.CostPerHour, ResourceHealth.Unknown, now, now, null, 1)
            : current with
            {
                Provider = spec.Provider,
                Kind = spec.Kind,
                Name = spec.Name,
                Location = spec.Location ?? "",
                Tags = tags,
                DesiredState = desired,
                Dependencies = dependencies,
                CostPerHour = spec.CostPerHour,
            };
        if (current is not null && SameDeclaration(current, next))
        {
            return current;
        }

        state.State.Resource = current is null ? next : next with { UpdatedAt = now, Version = current.Version + 1 };
        await state.WriteStateAsync();
        return state.State.Resource;
    }

    /// <inheritdoc />
    public Task<ManagedResource> GetAsync() =>
        Task.FromResult(state.State.Resource ?? throw new NotFoundException("resource", Id));

    /// <inheritdoc />
    public Task<ManagedResource?> FindAsync() => Task.FromResult(state.State.Resource);

    /// <inheritdoc />
    public async Task<ManagedResource> ObserveAsync(ImmutableDictionary<string, string> observed, ResourceHealth health)
    {
        var current = state.State.Resource ?? throw new NotFoundException("resource", Id);
        if (!Enum.IsDefined(health))
        {
            throw new ValidationException("health", "must be unknown, healthy, degraded or unhealthy");
        }

        state.State.Resource = Observed(current, observed, health);
        await state.WriteStateAsync();
        return state.State.Resource;
    }

    /// <inheritdoc />
    public async Task DeleteAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new ResourceState();
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

        if (state.State.Resource is not { } current)
        {
            LogUnmanaged(logger, item.Id, Id);
            return;
        }

        if (item.Type == EventTypes.ResourceObserved)
        {
            var health = item.Data.TryGetValue("health", out var h) && Enum.TryParse<ResourceHealth>(h, ignoreCase: true, out var parsed)
                ? parsed
                : current.Health;
            state.State.Resource = Observed(current, item.Data.Remove("health"), health, item.Timestamp);
        }

        recent.Add(item.Id);
        state.State.EventsApplied++;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(logger, ex, Id);
        return Task.CompletedTask;
    }

    private static bool SameDeclaration(ManagedResource a, ManagedResource b) =>
        a.Provider == b.Provider && a.Kind == b.Kind && a.Name == b.Name && a.Location == b.Location
        && a.CostPerHour == b.CostPerHour && a.Dependencies.SequenceEqual(b.Dependencies)
        && DictionaryEquals(a.Tags, b.Tags) && DictionaryEquals(a.DesiredState, b.DesiredState);

    private static bool DictionaryEquals(ImmutableDictionary<string, string> a, ImmutableDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private ManagedResource Observed(ManagedResource current, ImmutableDictionary<string, string>? observed, ResourceHealth health, DateTimeOffset? at = null)
    {
        var now = clock.GetUtcNow();
        return current with
        {
            ObservedState = current.ObservedState.SetItems(observed ?? ImmutableDictionary<string, string>.Empty),
            Health = health,
            ObservedAt = at ?? now,
            UpdatedAt = now,
            Version = current.Version + 1,
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped event {EventId} for resource {ResourceId}: applied already")]
    private static partial void LogDuplicate(ILogger logger, string eventId, string resourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored event {EventId}: resource {ResourceId} is not managed")]
    private static partial void LogUnmanaged(ILogger logger, string eventId, string resourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream of resource {ResourceId} failed")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string resourceId);
}
