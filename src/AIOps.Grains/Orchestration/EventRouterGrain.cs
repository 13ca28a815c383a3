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

    /// <summary>Most events put in one stream message.</summary>
    public const int MaxEventsPerMessage = 256;

    /// <inheritdoc />
    /// <remarks>
    /// Each agent's share of the batch goes as a few stream messages (one queue row each in durable mode) instead of one
    /// per event; the agents still see the events one by one, in order.
    /// </remarks>
    public async Task RouteBatchAsync(ImmutableArray<SystemEvent> events)
    {
        if (events.IsDefaultOrEmpty)
        {
            return;
        }

        var table = await RulesAsync();
        var byAgent = new Dictionary<string, List<SystemEvent>>(StringComparer.Ordinal);
        foreach (var systemEvent in events)
        {
            if (string.IsNullOrWhiteSpace(systemEvent?.Id) || string.IsNullOrWhiteSpace(systemEvent.Type))
            {
                continue;
            }

            foreach (var agent in AgentsFor(table, systemEvent))
            {
                if (!byAgent.TryGetValue(agent, out var share))
                {
                    byAgent[agent] = share = [];
                }

                share.Add(systemEvent);
            }
        }

        var streams = this.GetStreamProvider(StreamNames.Provider);
        foreach (var (agent, share) in byAgent)
        {
            var stream = streams.GetStream<SystemEvent>(StreamId.Create(StreamNames.AgentEvents, agent));
            foreach (var chunk in share.Chunk(MaxEventsPerMessage))
            {
                try
                {
                    await stream.OnNextBatchAsync(chunk);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogRouteBatchFailed(logger, e, chunk.Length, agent);
                }
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

        var agents = AgentsFor(await RulesAsync(), systemEvent);
        var streams = this.GetStreamProvider(StreamNames.Provider);
        foreach (var agent in agents)
        {
            await streams.GetStream<SystemEvent>(StreamId.Create(StreamNames.AgentEvents, agent)).OnNextAsync(systemEvent);
        }

        return agents;
    }

    private static List<string> AgentsFor(RoutingTable table, SystemEvent systemEvent)
    {
        var agents = new List<string>(2);
        foreach (var rule in table.Rules)
        {
            if (RoutingMatcher.Matches(rule, systemEvent) && !agents.Contains(rule.AgentId, StringComparer.Ordinal))
            {
                agents.Add(rule.AgentId);
            }
        }

        return agents;
    }

    private async Task<RoutingTable> RulesAsync()
    {
        var now = clock.GetUtcNow();
        if (_table is null || now - _loadedAt > RulesTtl)
        {
            _table = await GrainFactory.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key).GetRoutingRulesAsync();
            _loadedAt = now;
        }

        return _table;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not route {Count} events to agent {AgentId}'s stream")]
    private static partial void LogRouteBatchFailed(ILogger logger, Exception exception, int count, string agentId);
}
