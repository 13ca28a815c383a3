using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Orchestration;
using AIOps.Grains.Journal;
using Orleans.Providers;

namespace AIOps.Grains.Actions;

/// <summary>An agent action whose journal rows are its audit history and its state.</summary>
[LogConsistencyProvider(ProviderName = StorageNames.Journal)]
public sealed class AgentActionGrain(IEventJournal journal, TimeProvider clock)
    : JournaledEntityGrain<ActionState, ActionEvent>(journal), IAgentActionGrain
{
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
            [.. proposal.TargetResources.Distinct()], proposal.RiskLevel, proposal.EstimatedImpact ?? "", proposal.IdempotencyKey));
        return Snapshot();
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
        ActionStatusChanged s => $"Status {s.From.ToString().ToLowerInvariant()} → {s.To.ToString().ToLowerInvariant()}" + (s.Note is null ? "" : $": {s.Note}"),
        _ => e.GetType().Name,
    };

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
        return Snapshot();
    }

    private AgentAction Snapshot()
    {
        var p = State.Proposal ?? throw new NotFoundException("action", Id);
        return new AgentAction(
            Id, p.AgentId, p.Type, p.Description, p.TargetResources, p.RiskLevel, p.EstimatedImpact, State.Status,
            p.At, State.ExecutedAt, State.Result, p.IdempotencyKey, Version, State.UpdatedAt);
    }
}
