using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Audit;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Live;
using AIOps.Grains.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace AIOps.Grains.Agents;

/// <summary>One agent instance: configuration, life cycle and the events routed to it.</summary>
[ImplicitStreamSubscription(StreamNames.AgentEvents)]
public sealed partial class AgentGrain(
    [PersistentState("agent", StorageNames.Grains)] IPersistentState<AgentState> state,
    IAuditLog audit,
    IEnumerable<IAgentHealthCheck> healthChecks,
    IOptions<AgentHealthOptions> healthOptions,
    TimeProvider clock,
    ILogger<AgentGrain> logger)
    : Grain, IAgentGrain, IStreamSubscriptionObserver, IAsyncObserver<SystemEvent>, IAsyncBatchObserver<SystemEvent>, IRemindable
{
    // The reminder brings a running agent back after deactivation or a silo failure; the timer keeps the interval.
    private const string HealthReminder = "agent-health";

    private readonly IAgentHealthCheck[] _checks = [.. healthChecks];
    private IGrainTimer? _healthTimer;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Lifecycle != AgentLifecycle.Stopped)
        {
            StartHealthTimer();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        state.State.Lifecycle == AgentLifecycle.Stopped ? StopHealthChecksAsync() : CheckHealthAsync();

    /// <inheritdoc />
    public async Task<AgentStatus> CheckHealthAsync()
    {
        var config = state.State.Config ?? throw new NotFoundException("agent", Id);
        if (state.State.Lifecycle == AgentLifecycle.Stopped)
        {
            return Status();
        }

        var options = healthOptions.Value;
        var now = clock.GetUtcNow();
        var health = state.State.Health;
        if (state.State.Lifecycle == AgentLifecycle.Degraded && health.NextRestartAt is { } restartAt && now >= restartAt)
        {
            health = health with { Restarts = health.Restarts + 1, NextRestartAt = null, ConsecutiveFailures = 0 };
            state.State.Lifecycle = AgentLifecycle.Running;
            state.State.StartedAt = now;
            LogRestarted(logger, Id, health.Restarts);
            await audit.AppendAsync(new AuditRecord("agents", AuditActions.AgentHealth, AuditOutcomes.Started, AgentId: Id,
                Reason: $"restarted automatically (restart {health.Restarts}) after failing its health checks"));
        }

        var failures = await RunChecksAsync(config, options);
        health = failures.IsEmpty
            ? health with { Healthy = true, LastCheckedAt = now, Failures = [], ConsecutiveFailures = 0 }
            : health with { Healthy = false, LastCheckedAt = now, Failures = failures, ConsecutiveFailures = health.ConsecutiveFailures + 1 };
        if (failures.IsEmpty && state.State.Lifecycle == AgentLifecycle.Degraded)
        {
            state.State.Lifecycle = AgentLifecycle.Running;
            health = health with { NextRestartAt = null };
        }
        else if (!failures.IsEmpty && state.State.Lifecycle == AgentLifecycle.Running && health.ConsecutiveFailures >= options.FailuresBeforeDegraded)
        {
            state.State.Lifecycle = AgentLifecycle.Degraded;
            health = health with { NextRestartAt = now + options.BackoffFor(health.Restarts) };
            LogDegraded(logger, Id, string.Join("; ", failures));
            await audit.AppendAsync(new AuditRecord("agents", AuditActions.AgentHealth, AuditOutcomes.Failed, AgentId: Id,
                Reason: $"degraded after {health.ConsecutiveFailures} failed checks ({string.Join("; ", failures)}); restart at {health.NextRestartAt:u}"));
        }

        var changed = health.Healthy != state.State.Health.Healthy || health.Restarts != state.State.Health.Restarts || health.NextRestartAt != state.State.Health.NextRestartAt;
        state.State.Health = health;
        await state.WriteStateAsync();
        return changed ? await PublishAsync() : Status();
    }

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
        await PublishAsync();
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
            state.State.Health = AgentHealth.Unchecked;
            await state.WriteStateAsync();
            await this.RegisterOrUpdateReminder(HealthReminder, ReminderPeriod(), ReminderPeriod());
            StartHealthTimer();
            return await PublishAsync();
        }

        return Status();
    }

    /// <inheritdoc />
    public async Task<AgentStatus> RestartAsync(string requestedBy)
    {
        await StopAsync();
        var status = await StartAsync();
        await audit.AppendAsync(new AuditRecord(string.IsNullOrWhiteSpace(requestedBy) ? "system" : requestedBy, AuditActions.AgentHealth, AuditOutcomes.Started,
            AgentId: Id, Reason: "restarted on request"));
        return status;
    }

    /// <inheritdoc />
    public async Task<AgentStatus> StopAsync()
    {
        _ = state.State.Config ?? throw new NotFoundException("agent", Id);
        if (state.State.Lifecycle != AgentLifecycle.Stopped)
        {
            state.State.Lifecycle = AgentLifecycle.Stopped;
            state.State.StartedAt = null;
            state.State.Health = state.State.Health with { NextRestartAt = null };
            await state.WriteStateAsync();
            await StopHealthChecksAsync();
            return await PublishAsync();
        }

        return Status();
    }

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        // As batches: one stream message (up to 256 routed events) is one state write, not one per event.
        await handleFactory.Create<SystemEvent>().ResumeAsync((IAsyncBatchObserver<SystemEvent>)this);
    }

    /// <inheritdoc />
    public async Task OnNextAsync(IList<SequentialItem<SystemEvent>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var changed = false;
        foreach (var item in items)
        {
            changed |= Take(item.Item);
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task OnNextAsync(SystemEvent item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (Take(item))
        {
            await state.WriteStateAsync();
        }
    }

    // Counts one routed event (a redelivery counts once); true when the state changed and must be written.
    private bool Take(SystemEvent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (state.State.RecentEvents.Contains(item.Id))
        {
            LogDuplicate(logger, item.Id, Id);
            return false;
        }

        state.State.RecentEvents.Add(item.Id);
        if (state.State.Config is null || state.State.Lifecycle == AgentLifecycle.Stopped)
        {
            LogIgnored(logger, item.Id, Id);
            state.State.EventsIgnored++;
            return true;
        }

        state.State.EventsProcessed++;
        state.State.LastEventAt = item.Timestamp;
        return true;
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(logger, ex, Id);
        return Task.CompletedTask;
    }

    private async Task<AgentStatus> PublishAsync()
    {
        var status = Status();
        await GrainFactory.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key).PublishAsync(new LiveUpdate(LiveKinds.Agent, Id, clock.GetUtcNow(), Agent: status));
        return status;
    }

    private AgentStatus Status()
    {
        var c = state.State.Config ?? throw new NotFoundException("agent", Id);
        return new AgentStatus(
            c.Id, c.Name, c.Type, c.Enabled, state.State.Lifecycle, c.AutomationLevel, state.State.EventsProcessed,
            state.State.LastEventAt, state.State.StartedAt, c.UpdatedAt, state.State.EventsIgnored, state.State.Health);
    }

    private TimeSpan ReminderPeriod() => healthOptions.Value.Interval > TimeSpan.FromMinutes(1) ? healthOptions.Value.Interval : TimeSpan.FromMinutes(1);

    private void StartHealthTimer()
    {
        if (_healthTimer is not null)
        {
            return;
        }

        var interval = healthOptions.Value.Interval;
        _healthTimer = this.RegisterGrainTimer(static (grain, _) => grain.CheckHealthAsync(), this, new GrainTimerCreationOptions(interval, interval));
    }

    private async Task StopHealthChecksAsync()
    {
        _healthTimer?.Dispose();
        _healthTimer = null;
        await this.UnregisterReminderIfAnyAsync(HealthReminder);
    }

    private async Task<ImmutableArray<string>> RunChecksAsync(AgentConfig config, AgentHealthOptions options)
    {
        var failures = ImmutableArray.CreateBuilder<string>();
        foreach (var check in _checks.Where(c => c.AppliesTo(config)))
        {
            using var timeout = new CancellationTokenSource(options.CheckTimeout);
            try
            {
                if (await check.CheckAsync(config, timeout.Token).WaitAsync(options.CheckTimeout) is { } problem)
                {
                    failures.Add($"{check.Name}: {problem}");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"{check.Name}: {(e is TimeoutException or OperationCanceledException ? "timed out" : e.Message)}");
            }
        }

        return failures.ToImmutable();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} is degraded: {Failures}")]
    private static partial void LogDegraded(ILogger logger, string agentId, string failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} restarted automatically (restart {Restart})")]
    private static partial void LogRestarted(ILogger logger, string agentId, int restart);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped event {EventId} for agent {AgentId}: processed already")]
    private static partial void LogDuplicate(ILogger logger, string eventId, string agentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored event {EventId}: agent {AgentId} is not running")]
    private static partial void LogIgnored(ILogger logger, string eventId, string agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream of agent {AgentId} failed")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string agentId);
}
