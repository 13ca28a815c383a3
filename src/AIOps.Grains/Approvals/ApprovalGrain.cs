using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Audit;
using AIOps.Abstractions.Live;
using AIOps.Abstractions.Orchestration;
using AIOps.Grains.Audit;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace AIOps.Grains.Approvals;

/// <summary>
/// The approval of one action. Deadlines are kept twice: a grain timer fires on time while the grain is active,
/// and a reminder wakes it up if it was deactivated or its silo died, so nothing waits for ever.
/// </summary>
public sealed partial class ApprovalGrain(
    [PersistentState("approval", StorageNames.Grains)] IPersistentState<ApprovalState> state,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<ApprovalGrain> logger)
    : Grain, IApprovalGrain, IRemindable
{
    /// <summary>Shortest time approvers can be given.</summary>
    public static readonly TimeSpan MinExpiry = TimeSpan.FromSeconds(1);

    /// <summary>Longest time approvers can be given.</summary>
    public static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(7);

    private const string DeadlineReminder = "approval-deadline";

    private IGrainTimer? _timer;

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleTimer();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<Approval> RequestAsync(ApprovalRequest request)
    {
        Validate(request);
        if (state.State.Approval is { } existing)
        {
            return existing;
        }

        var action = await GrainFactory.GetGrain<IAgentActionGrain>(Id).GetAsync();
        if (action.Status != ActionStatus.Pending)
        {
            throw new InvalidTransitionException("action", Id, action.Status.ToString().ToLowerInvariant(), "awaiting approval");
        }

        var now = clock.GetUtcNow();
        state.State.Approval = new Approval(
            Id, request.RequestedBy.Trim(), request.Reasons.IsDefault ? [] : request.Reasons, ApprovalStatus.Pending, now, now + request.ExpiresAfter,
            0, null, null, null, null);
        state.State.EscalateAfter = request.EscalateAfter;
        state.State.NextEscalationAt = request.EscalateAfter is { } after ? now + after : null;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(DeadlineReminder, Until(NextDeadline()!.Value, now), TimeSpan.FromMinutes(1));
        ScheduleTimer();
        await AuditAsync(request.RequestedBy, AuditActions.ApprovalRequested, AuditOutcomes.ApprovalRequired, string.Join("; ", state.State.Approval.Reasons));
        await PublishAsync();
        return state.State.Approval;
    }

    /// <inheritdoc />
    public Task<Approval> GetAsync() => Task.FromResult(Current());

    /// <inheritdoc />
    public Task<Approval> ApproveAsync(Approver approver, string comment) => DecideAsync(approver, comment, approve: true);

    /// <inheritdoc />
    public Task<Approval> RejectAsync(Approver approver, string comment) => DecideAsync(approver, comment, approve: false);

    /// <inheritdoc />
    public async Task<Approval> CheckDeadlinesAsync()
    {
        var approval = state.State.Approval;
        if (approval is null || approval.Status != ApprovalStatus.Pending)
        {
            await StopDeadlinesAsync();
            return approval ?? throw new NotFoundException("approval", Id);
        }

        var now = clock.GetUtcNow();
        if (now >= approval.ExpiresAt)
        {
            await ExpireAsync(approval, now);
        }
        else if (state.State.NextEscalationAt is { } escalateAt && now >= escalateAt)
        {
            state.State.Approval = approval with { EscalationLevel = approval.EscalationLevel + 1, EscalatedAt = now };
            state.State.NextEscalationAt = state.State.EscalateAfter is { } after && now + after < approval.ExpiresAt ? now + after : null;
            await state.WriteStateAsync();
            LogEscalated(logger, Id, state.State.Approval.EscalationLevel);
            await AuditAsync("approvals", AuditActions.ApprovalEscalated, AuditOutcomes.ApprovalRequired, $"still pending; escalated to level {state.State.Approval.EscalationLevel}");
            await PublishAsync();
        }

        ScheduleTimer();
        return state.State.Approval!;
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckDeadlinesAsync();

    private static void Validate(ApprovalRequest? request)
    {
        if (request is null)
        {
            throw new ValidationException("body", "is required");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.RequestedBy))
        {
            errors["requestedBy"] = ["is required"];
        }

        if (request.ExpiresAfter < MinExpiry || request.ExpiresAfter > MaxExpiry)
        {
            errors["expiresAfter"] = [$"must be between {MinExpiry} and {MaxExpiry}"];
        }

        if (request.EscalateAfter is { } escalate && (escalate <= TimeSpan.Zero || escalate >= request.ExpiresAfter))
        {
            errors["escalateAfter"] = ["must be positive and shorter than expiresAfter"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private static TimeSpan Until(DateTimeOffset at, DateTimeOffset now) => at > now ? at - now : TimeSpan.Zero;

    private async Task<Approval> DecideAsync(Approver approver, string comment, bool approve)
    {
        ArgumentNullException.ThrowIfNull(approver);
        var approval = Current();
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new ValidationException("comment", approve ? "an approval must say why" : "a rejection must say why");
        }

        var roles = approver.Roles.IsDefault ? [] : approver.Roles;
        if (!roles.Contains(Roles.Approver) && !roles.Contains(Roles.Admin))
        {
            throw new ForbiddenException($"'{approver.Id}' needs the approver role to decide on action '{Id}'.");
        }

        if (string.Equals(approver.Id, approval.RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            throw new ForbiddenException($"'{approver.Id}' requested action '{Id}' and may not approve or reject it (four eyes).");
        }

        if (approval.Status != ApprovalStatus.Pending)
        {
            throw new InvalidTransitionException("approval", Id, Wire(approval.Status), approve ? "approved" : "rejected");
        }

        if (clock.GetUtcNow() >= approval.ExpiresAt)
        {
            await CheckDeadlinesAsync();
            throw new InvalidTransitionException("approval", Id, "expired", approve ? "approved" : "rejected");
        }

        // The action moves first: if it cannot (already cancelled, say), the approval stays pending and unchanged.
        var action = GrainFactory.GetGrain<IAgentActionGrain>(Id);
        _ = approve ? await action.ApproveAsync(approver.Id, comment) : await action.RejectAsync(approver.Id, comment);
        var now = clock.GetUtcNow();
        state.State.Approval = approval with
        {
            Status = approve ? ApprovalStatus.Approved : ApprovalStatus.Rejected,
            DecidedBy = approver.Id,
            Comment = comment.Trim(),
            DecidedAt = now,
        };
        state.State.NextEscalationAt = null;
        await state.WriteStateAsync();
        await AuditAsync(approver.Id, approve ? AuditActions.ApprovalGranted : AuditActions.ApprovalRejected, approve ? AuditOutcomes.Allowed : AuditOutcomes.Denied, comment.Trim());
        await StopDeadlinesAsync();
        await PublishAsync();
        if (approve)
        {
            // The orchestrator takes the approved action on (leases, execution) without holding up the approver.
            var orchestrator = GrainFactory.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);
            _ = orchestrator.ProceedAsync(Id).ContinueWith(
                t => LogProceedFailed(logger, t.Exception!, Id), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Current);
        }

        return state.State.Approval;
    }

    private async Task ExpireAsync(Approval approval, DateTimeOffset now)
    {
        try
        {
            await GrainFactory.GetGrain<IAgentActionGrain>(Id).ExpireAsync("approvals");
        }
        catch (InvalidTransitionException e)
        {
            // The action left "pending" some other way (cancelled): the request simply lapses.
            LogActionMoved(logger, Id, e.Message);
        }

        state.State.Approval = approval with { Status = ApprovalStatus.Expired, DecidedAt = now };
        state.State.NextEscalationAt = null;
        await state.WriteStateAsync();
        await AuditAsync("approvals", AuditActions.ApprovalExpired, AuditOutcomes.Denied, $"nobody decided by {approval.ExpiresAt:u}");
        await StopDeadlinesAsync();
        await PublishAsync();
    }

    private Approval Current() => state.State.Approval ?? throw new NotFoundException("approval", Id);

    private DateTimeOffset? NextDeadline() =>
        state.State.Approval is { Status: ApprovalStatus.Pending } approval
            ? state.State.NextEscalationAt is { } escalate && escalate < approval.ExpiresAt ? escalate : approval.ExpiresAt
            : null;

    private void ScheduleTimer()
    {
        _timer?.Dispose();
        _timer = null;
        if (NextDeadline() is { } due)
        {
            _timer = this.RegisterGrainTimer(
                static (grain, _) => grain.CheckDeadlinesAsync(),
                this,
                new GrainTimerCreationOptions(Until(due, clock.GetUtcNow()), Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        }
    }

    private async Task StopDeadlinesAsync()
    {
        _timer?.Dispose();
        _timer = null;
        await this.UnregisterReminderIfAnyAsync(DeadlineReminder);
    }

    private async Task PublishAsync()
    {
        var approval = Current();
        await GrainFactory.GetGrain<IApprovalInboxGrain>(IApprovalInboxGrain.Key).PutAsync(approval);
        await GrainFactory.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key).PublishAsync(
            new LiveUpdate(LiveKinds.Approval, Id, approval.DecidedAt ?? approval.EscalatedAt ?? approval.RequestedAt, Approval: approval));
    }

    private Task AuditAsync(string actor, string action, string outcome, string reason) =>
        audit.AppendAsync(new AuditRecord(actor, action, outcome, ActionId: Id, Reason: reason));

    private static string Wire(ApprovalStatus status) => status.ToString().ToLowerInvariant();

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval of action {ActionId} escalated to level {Level}")]
    private static partial void LogEscalated(ILogger logger, string actionId, int level);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approved action {ActionId} could not proceed")]
    private static partial void LogProceedFailed(ILogger logger, Exception exception, string actionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval of action {ActionId} lapsed: {Reason}")]
    private static partial void LogActionMoved(ILogger logger, string actionId, string reason);
}
