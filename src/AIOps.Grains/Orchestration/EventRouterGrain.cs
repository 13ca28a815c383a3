using System.Collections.Immutable;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Orchestration;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace AIOps.Grains.Orchestration;

/// <summary>
/// Routes events on the silo that received them. It keeps the orchestrator's rules for a few seconds, so routing
/// never waits on the single orchestrator activation and a rule change reaches every silo within that time.
/// </summary>
[StatelessWorker]
public sealed partial class EventRouterGrain(TimeProvider clock, ILogger<EventRouterGrain> logger) : Grain, IEventRouterGrain
{
    /// <summary>How long routing rules are reused before they are read again.</summary>
    public static readonly TimeSpan RulesTtl = TimeSpan.FromSeconds(2);

    private RoutingTable? _table;
    private DateTimeOffset _loadedAt;

    /// <inheritdoc />
    public async Task RouteBatchAsync(ImmutableArray<SystemEvent> events)
    {
        foreach (var systemEvent in events.IsDefault ? [] : events)
        {
            try
            {
                await RouteEventAsync(systemEvent);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogRouteFailed(logger, e, systemEvent.Id);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RouteEventAsync(SystemEvent systemEvent)
    {
        ArgumentNullException.ThrowIfNull(systemEvent);
        if (string.IsNullOrWhiteSpace(systemEvent.Id) || string.IsNullOrWhiteSpace(systemEvent.Type))
        {
            throw new Abstractions.ValidationException(string.IsNullOrWhiteSpace(systemEvent.Id) ? "id" : "type", "is required");
        }

        var now = clock.GetUtcNow();
        if (_table is null || now - _loadedAt > RulesTtl)
        {
            _table = await GrainFactory.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key).GetRoutingRulesAsync();
            _loadedAt = now;
        }

        var agents = _table.Rules.Where(r => RoutingMatcher.Matches(r, systemEvent)).Select(r => r.AgentId).Distinct(StringComparer.Ordinal).ToArray();
        var streams = this.GetStreamProvider(StreamNames.Provider);
        foreach (var agent in agents)
        {
            await streams.GetStream<SystemEvent>(StreamId.Create(StreamNames.AgentEvents, agent)).OnNextAsync(systemEvent);
        }

        return agents;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not route event {EventId} to the agents' streams")]
    private static partial void LogRouteFailed(ILogger logger, Exception exception, string eventId);
}
