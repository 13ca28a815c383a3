using AIOps.Abstractions.Events;

namespace AIOps.Abstractions.Orchestration;

/// <summary>Routes events to agents by the orchestrator's rules; a stateless worker, so every silo routes locally.</summary>
[Alias("aiops.event-router")]
public interface IEventRouterGrain : IGrainWithIntegerKey
{
    /// <summary>Publishes the event on the stream of every agent whose rule matches; returns those agent ids.</summary>
    [Alias("route")] Task<IReadOnlyList<string>> RouteEventAsync(SystemEvent systemEvent);

    /// <summary>
    /// Routes a batch of events without the caller waiting (one-way): for producers on a hot path, such as the alert
    /// correlator, whose own state is already durable. Failures are logged by the router.
    /// </summary>
    [Alias("route-batch"), Orleans.Concurrency.OneWay] Task RouteBatchAsync(System.Collections.Immutable.ImmutableArray<SystemEvent> events);
}
