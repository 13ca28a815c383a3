using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Audit;
using AIOps.Abstractions.Events;
using AIOps.Grains.Audit;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace AIOps.Grains.Agents;

/// <summary>One agent instance: configuration, life cycle and the events routed to it.</summary>
[ImplicitStreamSubscription(StreamNames.AgentEvents)]
public sealed partial class AgentGrain(
    [PersistentState("agent", StorageNames.Grains)] IPersistentState<AgentState> state,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<AgentGrain> logger)
    : Grain, IAgentGrain, IStreamSubscriptionObserver, IAsyncObserver<SystemEvent>
{
    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<AgentConfig> ConfigureAsync(AgentConfig config, string changedBy)
    {
        AgentConfigValidation.Validate(Id, config);
        var now = clock.GetUtcNow();
        var before = state.State.Config;
        var next = config with
        {
            Name = config.Name.Trim(),
            Thresholds = config.Thresholds ?? ImmutableDictionary<string, double>.Empty,
            Integrations = config.Integrations.IsDefault ? [] : config.Integrations,
            CreatedAt = before?.CreatedAt ?? now,
            UpdatedAt = before?.UpdatedAt ?? now,
        };
        var changes = AgentConfigDiff.Between(before, next);
        if (changes.IsEmpty)
        {
            return before!;
        }

        state.State.Config = next with { UpdatedAt = now };
        state.State.ConfigHistory.Add(new AgentConfigVersion(
            state.State.ConfigHistory.Count + 1, state.State.Config, string.IsNullOrWhiteSpace(changedBy) ? "system" : changedBy, now, changes));
        if (!state.State.Config.Enabled && state.State.Lifecycle != AgentLifecycle.Stopped)
        {
            state.State.Lifecycle = AgentLifecycle.Stopped;
            state.State.StartedAt = null;
        }

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAgentRegistryGrain>(IAgentRegistryGrain.Key).AddAsync(Id);
        var version = state.State.ConfigHistory[^1];
        await audit.AppendAsync(new AuditRecord(
            version.ChangedBy, AuditActions.ConfigChanged, AuditOutcomes.Succeeded, AgentId: Id,
            Reason: $"agent configuration version {version.Version}: {string.Join("; ", version.Changes)}"));
        return state.State.Config;
    }

    /// <inheritdoc />
    public async Task<AgentStatus> EnsureConfiguredAsync(AgentConfig defaults, bool start)
    {
        if (state.State.Config is null)
        {
            await ConfigureAsync(defaults, "system:defaults");
            if (start && defaults.Enabled)
            {
                return await StartAsync();
            }
        }

        return Status();
    }

    /// <inheritdoc />
    public Task<AgentConfig> GetConfigAsync() =>
        Task.FromResult(state.State.Config ?? throw new NotFoundException("agent", Id));

    /// <inheritdoc />
    public Task<IReadOnlyList<AgentConfigVersion>> GetConfigHistoryAsync() =>
        state.State.Config is null
            ? throw new NotFoundException("agent", Id)
            : Task.FromResult<IReadOnlyList<AgentConfigVersion>>([.. state.State.ConfigHistory]);

    /// <inheritdoc />
    public Task<AgentStatus> GetStatusAsync() => Task.FromResult(Status());

    /// <inheritdoc />
    public async Task<AgentStatus> StartAsync()
    {
        var config = state.State.Config ?? throw new NotFoundException("agent", Id);
        if (!config.Enabled)
        {
            throw new InvalidTransitionException("agent", Id, "disabled", "running");
        }

        if (state.State.Lifecycle == AgentLifecycle.Stopped)
        {
            state.State.Lifecycle = AgentLifecycle.Running;
            state.State.StartedAt = clock.GetUtcNow();
            await state.WriteStateAsync();
        }

        return Status();
    }

    /// <inheritdoc />
    public async Task<AgentStatus> StopAsync()
    {
        _ = state.State.Config ?? throw new NotFoundException("agent", Id);
        if (state.State.Lifecycle != AgentLifecycle.Stopped)
        {
            state.State.Lifecycle = AgentLifecycle.Stopped;
            state.State.StartedAt = null;
            await state.WriteStateAsync();
        }

        return Status();
    }

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
        if (state.State.RecentEvents.Contains(item.Id))
        {
            LogDuplicate(logger, item.Id, Id);
            return;
        }

        if (state.State.Config is null || state.State.Lifecycle == AgentLifecycle.Stopped)
        {
            LogIgnored(logger, item.Id, Id);
            state.State.RecentEvents.Add(item.Id);
            state.State.EventsIgnored++;
            await state.WriteStateAsync();
            return;
        }

        state.State.RecentEvents.Add(item.Id);
        state.State.EventsProcessed++;
        state.State.LastEventAt = item.Timestamp;
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

    private AgentStatus Status()
    {
        var c = state.State.Config ?? throw new NotFoundException("agent", Id);
        return new AgentStatus(
            c.Id, c.Name, c.Type, c.Enabled, state.State.Lifecycle, c.AutomationLevel, state.State.EventsProcessed,
            state.State.LastEventAt, state.State.StartedAt, c.UpdatedAt, state.State.EventsIgnored);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped event {EventId} for agent {AgentId}: processed already")]
    private static partial void LogDuplicate(ILogger logger, string eventId, string agentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored event {EventId}: agent {AgentId} is not running")]
    private static partial void LogIgnored(ILogger logger, string eventId, string agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream of agent {AgentId} failed")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string agentId);
}
