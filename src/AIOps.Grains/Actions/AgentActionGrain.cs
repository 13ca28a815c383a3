using System.Collections.Immutable;
using System.Globalization;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Audit;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Live;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Audit;
using AIOps.Grains.Catalog;
using AIOps.Grains.Execution;
using AIOps.Grains.Journal;
using Microsoft.Extensions.Logging;
using Orleans.Providers;
using Orleans.Runtime;

namespace AIOps.Grains.Actions;

/// <summary>An agent action whose journal rows are its audit history and its state.</summary>
[LogConsistencyProvider(ProviderName = StorageNames.Journal)]
public sealed partial class AgentActionGrain(
    IEventJournal journal,
    ActionRunner runner,
    ActionPlannerRegistry planners,
    IAuditLog audit,
    IActionIndex index,
    IResourceCatalog catalog,
    TimeProvider clock,
    ILogger<AgentActionGrain> logger)
    : JournaledEntityGrain<ActionState, ActionEvent>(journal), IAgentActionGrain, IRemindable
{
    // Wakes the grain after a silo failure so an interrupted execution resumes.
    private const string ExecutionReminder = "action-execution";
    private const string ExecutorActor = "executor";

    private Task? _run;
    private IGrainTimer? _renewal;
    private TimeSpan _leaseDuration;

    /// <inheritdoc />
    protected override string JournalType => "action";

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<AgentAction> ProposeAsync(ProposedAction proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (State.Proposal is { } existing)
        {
            if (existing.IdempotencyKey == proposal.IdempotencyKey)
            {
                return Snapshot();
            }

            throw new ConflictException($"action '{Id}' exists already with another idempotency key.");
        }

        var errors = new Dictionary<string, string[]>();
        Require(errors, "agentId", proposal.AgentId);
        Require(errors, "type", proposal.Type);
        Require(errors, "idempotencyKey", proposal.IdempotencyKey);
        if (proposal.TargetResources.IsDefaultOrEmpty || proposal.TargetResources.Any(string.IsNullOrWhiteSpace))
        {
            errors["targetResources"] = ["must name at least one resource, and no empty ids"];
        }

        if (!Enum.IsDefined(proposal.RiskLevel))
        {
            errors["riskLevel"] = ["must be low, medium, high or critical"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        await RaiseAndConfirmAsync(new ActionProposed(
            proposal.AgentId, clock.GetUtcNow(), proposal.AgentId, proposal.Type, proposal.Description ?? "",
            [.. proposal.TargetResources.Distinct()], proposal.RiskLevel, proposal.EstimatedImpact ?? "", proposal.IdempotencyKey)
        {
            Rationale = proposal.Rationale.IsDefault ? [] : [.. proposal.Rationale.Where(r => !string.IsNullOrWhiteSpace(r))],
            Parameters = proposal.Parameters ?? ImmutableDictionary<string, string>.Empty,
        });
        return await PublishAsync();
    }

    /// <inheritdoc />
    public Task<AgentAction> GetAsync() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync()
    {
        Snapshot();
        return await ReadTimelineAsync();
    }

    /// <inheritdoc />
    public async Task<PolicyDecision> RecordDecisionAsync(PolicyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Snapshot();
        if (State.Decision is { } recorded)
        {
            return recorded;
        }

        await RaiseAndConfirmAsync(new ActionPolicyEvaluated("policy", clock.GetUtcNow(), decision));
        return decision;
    }

    /// <inheritdoc />
    public Task<PolicyDecision?> GetDecisionAsync() => Task.FromResult(State.Decision);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Status == ActionStatus.Executing)
        {
            await ResumeAsync();
        }
    }

    /// <inheritdoc />
    public async Task<AgentAction> ExecuteAsync()
    {
        var action = Snapshot();
        if (State.Status == ActionStatus.Executing)
        {
            await ResumeAsync();
            return Snapshot();
        }

        ActionLifecycle.Ensure(Id, State.Status, ActionStatus.Executing);
        ActionPlan plan;
        try
        {
            plan = planners.Plan(action);
        }
        catch (UnknownActionTypeException e)
        {
            throw new ValidationException("type", e.Message);
        }

        var leaseDuration = await LeaseDurationAsync();
        foreach (var target in action.TargetResources.Order(StringComparer.Ordinal))
        {
            var lease = await GrainFactory.GetGrain<IResourceGrain>(target).MarkExecutingAsync(Id, leaseDuration);
            if (lease.Outcome == LeaseOutcome.Refused)
            {
                throw new ConflictException($"action '{Id}' cannot execute: {lease.Reason}");
            }
        }

        await MoveAsync(ExecutorActor, ActionStatus.Executing, null);
        await this.RegisterOrUpdateReminder(ExecutionReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartRun(plan, previous: null, leaseDuration);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Status == ActionStatus.Executing)
        {
            await ResumeAsync();
        }
        else
        {
            await this.UnregisterReminderIfAnyAsync(ExecutionReminder);
        }
    }

    /// <inheritdoc />
    public Task<AgentAction> ApproveAsync(string actor, string? comment) => MoveAsync(actor, ActionStatus.Approved, comment);

    /// <inheritdoc />
    public Task<AgentAction> RejectAsync(string actor, string? comment) => MoveAsync(actor, ActionStatus.Rejected, comment);

    /// <inheritdoc />
    public Task<AgentAction> ExpireAsync(string actor) => MoveAsync(actor, ActionStatus.Expired, null);

    /// <inheritdoc />
    public Task<AgentAction> CancelAsync(string actor, string reason) => MoveAsync(actor, ActionStatus.Cancelled, reason);

    /// <inheritdoc />
    public Task<AgentAction> StartExecutionAsync(string actor) => MoveAsync(actor, ActionStatus.Executing, null);

    /// <inheritdoc />
    public Task<AgentAction> CompleteAsync(string actor, string result) => MoveAsync(actor, ActionStatus.Completed, result);

    /// <inheritdoc />
    public Task<AgentAction> FailAsync(string actor, string error) => MoveAsync(actor, ActionStatus.Failed, error);

    /// <inheritdoc />
    protected override void TransitionState(ActionState state, ActionEvent @event) => state.Apply(@event);

    /// <inheritdoc />
    protected override string Describe(ActionEvent e) => e switch
    {
        ActionProposed p => $"Proposed {p.Type} on {string.Join(", ", p.TargetResources)} (risk {p.RiskLevel.ToString().ToLowerInvariant()}): {p.Description}",
        ActionPolicyEvaluated p => $"Policy: {p.Decision.Verdict.ToString().ToLowerInvariant()} ({string.Join("; ", p.Decision.Reasons)})",
        ActionStepRecorded step => $"{(step.Compensation ? "Compensated" : "Step")} {step.Index + 1}/{step.PlannedSteps} '{step.Name}' "
            + (step.Succeeded ? $"done: {step.Result}" : $"failed after {step.Attempts} attempt(s): {step.Error}"),
        ActionStatusChanged s => $"Status {s.From.ToString().ToLowerInvariant()} → {s.To.ToString().ToLowerInvariant()}" + (s.Note is null ? "" : $": {s.Note}"),
        _ => e.GetType().Name,
    };

    private async Task ResumeAsync()
    {
        if (_run is not null)
        {
            return;
        }

        var action = Snapshot();
        var leaseDuration = await LeaseDurationAsync();
        foreach (var target in action.TargetResources.Order(StringComparer.Ordinal))
        {
            var lease = await GrainFactory.GetGrain<IResourceGrain>(target).MarkExecutingAsync(Id, leaseDuration);
            if (lease.Outcome == LeaseOutcome.Refused)
            {
                // While nobody ran this action its lease ran out and someone else changed the resource: carrying on
                // would act on a state this plan did not expect.
                var reason = $"lost the lease on {target} while the action was not running ({lease.Reason}); "
                    + $"{State.Steps.Count(s => !s.Compensation && s.Succeeded)} step(s) had completed and were not undone";
                await FailAsync(ExecutorActor, reason);
                await audit.AppendAsync(new AuditRecord(ExecutorActor, AuditActions.ActionStep, AuditOutcomes.Failed, ResourceId: target, ActionId: Id,
                    AgentId: action.AgentId, Reason: reason));
                await this.UnregisterReminderIfAnyAsync(ExecutionReminder);
                return;
            }
        }

        var plan = planners.Plan(action);
        var records = State.Steps.Select(s => new StepRecord(
            s.Index, s.Name, s.Integration, s.Compensation ? StepPhase.Compensate : StepPhase.Execute,
            s.Succeeded ? StepStatus.Completed : StepStatus.Failed, s.StartedAt, s.At, s.Attempts, s.Result, s.Error, s.Outputs));
        var previous = ExecutionReport.FromRecords(action, plan.Steps.Length, State.ExecutedAt ?? clock.GetUtcNow(), records);
        LogResuming(logger, Id, State.Steps.Count);
        StartRun(plan, previous, leaseDuration);
    }

    private void StartRun(ActionPlan plan, ExecutionReport? previous, TimeSpan leaseDuration)
    {
        var renewEvery = leaseDuration / 3;
        _leaseDuration = leaseDuration;
        _renewal = this.RegisterGrainTimer(static (grain, _) => grain.RenewLeasesAsync(), this, new GrainTimerCreationOptions(renewEvery, renewEvery) { Interleave = true });
        _run = RunAsync(plan, previous);
    }

    private async Task RunAsync(ActionPlan plan, ExecutionReport? previous)
    {
        try
        {
            var report = await runner.RunAsync(Snapshot(), plan, new JournalingObserver(this), previous);
            if (report.Succeeded)
            {
                await CompleteAsync(ExecutorActor, report.Summary);
            }
            else
            {
                await FailAsync(ExecutorActor, report.Summary);
            }

            await audit.AppendAsync(new AuditRecord(ExecutorActor, AuditActions.ActionStep, report.Succeeded ? AuditOutcomes.Succeeded : AuditOutcomes.Failed,
                ActionId: Id, AgentId: State.Proposal!.AgentId, Reason: report.Summary));
            _renewal?.Dispose();
            _renewal = null;
            foreach (var target in State.Proposal.TargetResources)
            {
                await GrainFactory.GetGrain<IResourceGrain>(target).ReleaseLeaseAsync(Id);
                await audit.AppendAsync(new AuditRecord(ExecutorActor, AuditActions.LeaseReleased, AuditOutcomes.Succeeded, ResourceId: target, ActionId: Id,
                    AgentId: State.Proposal.AgentId, Reason: $"action {State.Status.ToString().ToLowerInvariant()}"));
            }

            await this.UnregisterReminderIfAnyAsync(ExecutionReminder);
            await GrainFactory.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key).ResourcesReleasedAsync(State.Proposal.TargetResources);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The reminder resumes the run from the journal; the leases run out if nobody does.
            LogRunInterrupted(logger, e, Id);
        }
        finally
        {
            _run = null;
        }
    }

    private async Task RenewLeasesAsync()
    {
        foreach (var target in State.Proposal?.TargetResources ?? [])
        {
            await GrainFactory.GetGrain<IResourceGrain>(target).MarkExecutingAsync(Id, _leaseDuration);
        }
    }

    private async Task<TimeSpan> LeaseDurationAsync() =>
        (await GrainFactory.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key).GetPolicyAsync()).LeaseDuration;

    private async Task RecordStepAsync(StepRecord step, int plannedSteps)
    {
        await RaiseAndConfirmAsync(new ActionStepRecorded(
            ExecutorActor, step.FinishedAt, step.Index, step.Name, step.Integration, step.Phase == StepPhase.Compensate,
            step.Status == StepStatus.Completed, step.StartedAt, step.Attempts, step.Result, step.Error, step.Outputs, plannedSteps));
        await audit.AppendAsync(new AuditRecord(
            ExecutorActor, AuditActions.ActionStep, step.Status == StepStatus.Completed ? AuditOutcomes.Succeeded : AuditOutcomes.Failed,
            ActionId: Id, AgentId: State.Proposal!.AgentId, Reason: step.Error ?? step.Result,
            Details: ImmutableDictionary<string, string>.Empty
                .Add("step", step.Name)
                .Add("phase", step.Phase == StepPhase.Compensate ? "compensate" : "execute")
                .Add("attempts", step.Attempts.ToString(CultureInfo.InvariantCulture))));
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["is required"];
        }
    }

    private async Task<AgentAction> MoveAsync(string actor, ActionStatus to, string? note)
    {
        Snapshot();
        ActionLifecycle.Ensure(Id, State.Status, to);
        await RaiseAndConfirmAsync(new ActionStatusChanged(
            string.IsNullOrWhiteSpace(actor) ? "system" : actor.Trim(), clock.GetUtcNow(), State.Status, to, note));
        return await PublishAsync();
    }

    private async Task<AgentAction> PublishAsync()
    {
        var action = Snapshot();
        await IndexAsync(action);
        await GrainFactory.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key).PublishAsync(new LiveUpdate(LiveKinds.Action, Id, action.UpdatedAt, Action: action));
        return action;
    }

    /// <summary>Lists the action with the teams that own its targets now (one catalog lookup by id).</summary>
    private async Task IndexAsync(AgentAction action)
    {
        var teams = await catalog.GetTeamsAsync(action.TargetResources);
        await index.PutAsync(new ActionSummary(
            action.Id, action.AgentId, action.Type, action.Description, action.Status, action.RiskLevel, action.TargetResources,
            [.. teams.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], action.CreatedAt, action.UpdatedAt, action.Version));
    }

    private AgentAction Snapshot()
    {
        var p = State.Proposal ?? throw new NotFoundException("action", Id);
        return new AgentAction(
            Id, p.AgentId, p.Type, p.Description, p.TargetResources, p.RiskLevel, p.EstimatedImpact, State.Status,
            p.At, State.ExecutedAt, State.Result, p.IdempotencyKey, Version, State.UpdatedAt)
        {
            Rationale = p.Rationale.IsDefault ? [] : p.Rationale,
            Parameters = p.Parameters ?? ImmutableDictionary<string, string>.Empty,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming execution of action {ActionId} after {Steps} recorded step(s)")]
    private static partial void LogResuming(ILogger logger, string actionId, int steps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Execution of action {ActionId} was interrupted; it resumes from its journal")]
    private static partial void LogRunInterrupted(ILogger logger, Exception exception, string actionId);

    /// <summary>Journals and audits every finished step and compensation as the runner reports it.</summary>
    private sealed class JournalingObserver(AgentActionGrain grain) : IExecutionObserver
    {
        public Task OnStepStartedAsync(StepStarted step, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task OnStepRetryingAsync(StepRetry retry, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task OnStepFinishedAsync(StepRecord step, ExecutionReport progress, CancellationToken cancellationToken) =>
            grain.RecordStepAsync(step, progress.PlannedSteps);

        public Task OnCompensationStartedAsync(StepStarted step, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task OnCompensationFinishedAsync(StepRecord compensation, ExecutionReport progress, CancellationToken cancellationToken) =>
            grain.RecordStepAsync(compensation, progress.PlannedSteps);

        public Task OnExecutionFinishedAsync(ExecutionReport report, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
