using AIOps.Abstractions.Events;

namespace AIOps.Abstractions.Orchestration;

/// <summary>Routes events to agents by the orchestrator's rules; a stateless worker, so every silo routes locally.</summary>
[Alias("aiops.event-router")]
public interface IEventRouterGrain : IGrainWithIntegerKey
{
    /// <summary>Publishes the event on the stream of every agent whose rule matches; returns those agent ids.</summary>
    [Alias("route")] Task<IReadOnlyList<string>> RouteEventAsync(SystemEvent systemEvent);
}
