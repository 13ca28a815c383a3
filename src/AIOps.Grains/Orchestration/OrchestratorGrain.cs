using System.Collections.Immutable;
using System.Globalization;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Audit;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Audit;
using AIOps.Grains.Topology;
using Orleans.Concurrency;

namespace AIOps.Grains.Orchestration;

/// <summary>
/// The orchestrator: agents, routing rules, platform policy, and the path of an action from proposal to
/// approval and leases. Every decision it makes is appended to the audit trail.
/// </summary>
/// <remarks>
/// Reentrant on purpose: submissions that arrive together wait for a short batching window and are then handled
/// one at a time in priority order (highest agent priority first, then action id), so the outcome of a conflict does
/// not depend on which message happened to arrive first. Everything that changes state runs under <see cref="_gate"/>.
/// </remarks>
[Reentrant]
public sealed class OrchestratorGrain(
    [PersistentState("orchestrator", StorageNames.Grains)] IPersistentState<OrchestratorState> state,
    IResourceGraph graph,
    IAuditLog audit)
    : Grain, IOrchestratorGrain
{
    /// <summary>How long the first submission of a batch waits for others to arrive.</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(40);

    private const string PolicyActor = "policy";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private List<PendingSubmission> _batch = [];
    private Task? _flush;

    private PlatformPolicy Policy => state.State.Policy ?? PlatformPolicy.Default;

    /// <inheritdoc />
    public async Task<AgentStatus> RegisterAgentAsync(AgentConfig config, string registeredBy)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (string.IsNullOrWhiteSpace(config.Id))
        {
            throw new ValidationException("id", "is required");
        }

        var agent = GrainFactory.GetGrain<IAgentGrain>(config.Id);
        await agent.ConfigureAsync(config, registeredBy);
        var status = config.Enabled ? await agent.StartAsync() : await agent.GetStatusAsync();
        await audit.AppendAsync(new AuditRecord(registeredBy, AuditActions.ConfigChanged, AuditOutcomes.Succeeded, AgentId: config.Id, Reason: "agent registered"));
        return status;
    }

    /// <inheritdoc />
    public Task<RoutingTable> GetRoutingRulesAsync() =>
        Task.FromResult(new RoutingTable(state.State.Rules ?? RoutingTable.Defaults, state.State.RulesVersion));

    /// <inheritdoc />
    public async Task<int> SetRoutingRulesAsync(ImmutableArray<RoutingRule> rules, string changedBy)
    {
        OrchestrationValidation.Validate(rules);
        await _gate.WaitAsync();
        try
        {
            return await SetRoutingRulesLockedAsync(rules, changedBy);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> SetRoutingRulesLockedAsync(ImmutableArray<RoutingRule> rules, string changedBy)
    {
        state.State.Rules = rules;
        state.State.RulesVersion++;
        await state.WriteStateAsync();
        await audit.AppendAsync(new AuditRecord(changedBy, AuditActions.ConfigChanged, AuditOutcomes.Succeeded,
            Reason: $"routing rules replaced (version {state.State.RulesVersion}, {rules.Length} rules)"));
        return state.State.RulesVersion;
    }

    /// <inheritdoc />
    public Task<PlatformPolicy> GetPolicyAsync() => Task.FromResult(Policy);

    /// <inheritdoc />
    public async Task SetPolicyAsync(PlatformPolicy policy, string changedBy)
    {
        OrchestrationValidation.Validate(policy);
        await _gate.WaitAsync();
        try
        {
            state.State.Policy = policy;
            await state.WriteStateAsync();
            await audit.AppendAsync(new AuditRecord(changedBy, AuditActions.ConfigChanged, AuditOutcomes.Succeeded, Reason: "platform policy replaced"));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<PolicyDecision> EnforcePolicyAsync(ProposedAction action)
    {
        var (decision, _) = await JudgeAsync(action, ActionIds.For(action.AgentId, action.IdempotencyKey));
        return decision;
    }

    /// <inheritdoc />
    public async Task<Approval> RequestApprovalAsync(string actionId, string requestedBy, ImmutableArray<string> reasons)
    {
        var policy = Policy;
        return await GrainFactory.GetGrain<IApprovalGrain>(actionId)
            .RequestAsync(new ApprovalRequest(actionId, requestedBy, reasons, policy.ApprovalExpiry, policy.ApprovalEscalation));
    }

    /// <inheritdoc />
    public async Task<ActionSubmission> SubmitAsync(ProposedAction action, string submittedBy)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (string.IsNullOrWhiteSpace(action.AgentId) || string.IsNullOrWhiteSpace(action.IdempotencyKey))
        {
            throw new ValidationException(string.IsNullOrWhiteSpace(action.AgentId) ? "agentId" : "idempotencyKey", "is required");
        }

        var pending = new PendingSubmission(action, submittedBy, ActionIds.For(action.AgentId, action.IdempotencyKey));
        _batch.Add(pending);
        _flush ??= FlushAfterWindowAsync();
        return await pending.Result.Task;
    }

    private async Task FlushAfterWindowAsync()
    {
        await Task.Delay(BatchWindow);
        var batch = _batch;
        _batch = [];
        _flush = null;
        await _gate.WaitAsync();
        try
        {
            var priority = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var agentId in batch.Select(b => b.Action.AgentId).Distinct(StringComparer.Ordinal))
            {
                try
                {
                    priority[agentId] = Policy.PriorityOf((await GrainFactory.GetGrain<IAgentGrain>(agentId).GetConfigAsync()).Type);
                }
                catch (NotFoundException)
                {
                    priority[agentId] = int.MinValue;
                }
            }

            foreach (var submission in batch.OrderByDescending(b => priority[b.Action.AgentId]).ThenBy(b => b.ActionId, StringComparer.Ordinal))
            {
                try
                {
                    submission.Result.TrySetResult(await SubmitNowAsync(submission));
                }
                catch (Exception e)
                {
                    submission.Result.TrySetException(e);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ActionSubmission> SubmitNowAsync(PendingSubmission submission)
    {
        var (action, submittedBy, actionId) = (submission.Action, submission.SubmittedBy, submission.ActionId);
        var grain = GrainFactory.GetGrain<IAgentActionGrain>(actionId);
        if (await grain.GetDecisionAsync() is { } earlier)
        {
            return new ActionSubmission(await grain.GetAsync(), earlier, await FindApprovalAsync(actionId), null, Duplicate: true);
        }

        var (decision, agent) = await JudgeAsync(action, actionId);
        await grain.ProposeAsync(action);
        decision = await grain.RecordDecisionAsync(decision);
        switch (decision.Verdict)
        {
            case PolicyVerdict.Deny:
                return new ActionSubmission(await grain.RejectAsync(PolicyActor, decision.Reasons[0]), decision, null, null, false);
            case PolicyVerdict.NeedsApproval:
                var approval = await RequestApprovalAsync(actionId, string.IsNullOrWhiteSpace(submittedBy) ? $"agent:{action.AgentId}" : submittedBy, decision.Reasons);
                return new ActionSubmission(await grain.GetAsync(), decision, approval, null, false);
            default:
                await grain.ApproveAsync(PolicyActor, decision.Reasons[0]);
                var leases = await AcquireLeasesAsync(actionId, agent, action.TargetResources);
                return new ActionSubmission(await ExecuteIfLeasedAsync(grain, agent.Id, leases), decision, null, leases, false);
        }
    }

    /// <inheritdoc />
    public async Task<ActionSubmission> ProceedAsync(string actionId)
    {
        await _gate.WaitAsync();
        try
        {
            return await ProceedLockedAsync(actionId);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task ResourcesReleasedAsync(ImmutableArray<string> resourceIds)
    {
        await _gate.WaitAsync();
        try
        {
            var waiting = new List<string>();
            foreach (var resource in resourceIds.IsDefault ? [] : resourceIds)
            {
                if (state.State.Queued.Remove(resource, out var queued))
                {
                    waiting.AddRange(queued.Where(q => !waiting.Contains(q)));
                }
            }

            if (waiting.Count == 0)
            {
                return;
            }

            await state.WriteStateAsync();
            var ordered = new List<(string ActionId, int Priority, int Arrival)>();
            for (var i = 0; i < waiting.Count; i++)
            {
                var action = await GrainFactory.GetGrain<IAgentActionGrain>(waiting[i]).GetAsync();
                if (action.Status == ActionStatus.Approved)
                {
                    var agent = await GrainFactory.GetGrain<IAgentGrain>(action.AgentId).GetConfigAsync();
                    ordered.Add((action.Id, Policy.PriorityOf(agent.Type), i));
                }
            }

            foreach (var (actionId, _, _) in ordered.OrderByDescending(o => o.Priority).ThenBy(o => o.Arrival))
            {
                await ProceedLockedAsync(actionId);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ActionSubmission> ProceedLockedAsync(string actionId)
    {
        var grain = GrainFactory.GetGrain<IAgentActionGrain>(actionId);
        var action = await grain.GetAsync();
        var decision = await grain.GetDecisionAsync() ?? throw new InvalidTransitionException("action", actionId, "unjudged", "executing");
        if (action.Status != ActionStatus.Approved)
        {
            throw new InvalidTransitionException("action", actionId, action.Status.ToString().ToLowerInvariant(), "executing");
        }

        var agent = await GrainFactory.GetGrain<IAgentGrain>(action.AgentId).GetConfigAsync();
        var leases = await AcquireLeasesAsync(actionId, agent, action.TargetResources);
        return new ActionSubmission(await ExecuteIfLeasedAsync(grain, agent.Id, leases), decision, await FindApprovalAsync(actionId), leases, false);
    }

    private async Task<AgentAction> ExecuteIfLeasedAsync(IAgentActionGrain grain, string agentId, IReadOnlyDictionary<string, LeaseResult> leases)
    {
        if (leases.Values.Any(l => l.Outcome == LeaseOutcome.Refused))
        {
            return await grain.GetAsync();
        }

        try
        {
            return await grain.ExecuteAsync();
        }
        catch (ValidationException e) when (e.Errors.ContainsKey("type"))
        {
            // No executor for this action type yet: it stays approved, holding its leases until they run out.
            var action = await grain.GetAsync();
            await audit.AppendAsync(new AuditRecord(PolicyActor, AuditActions.ActionStep, AuditOutcomes.Failed, ActionId: action.Id, AgentId: agentId,
                Reason: $"not executed: {e.Errors["type"][0]}"));
            return action;
        }
    }

    private async Task<(PolicyDecision Decision, AgentConfig Agent)> JudgeAsync(ProposedAction action, string actionId)
    {
        ArgumentNullException.ThrowIfNull(action);
        var agent = await GrainFactory.GetGrain<IAgentGrain>(action.AgentId).GetConfigAsync();
        if (action.TargetResources.IsDefaultOrEmpty)
        {
            throw new ValidationException("targetResources", "must name at least one resource");
        }

        var environments = new List<string>();
        var missing = new List<string>();
        foreach (var id in action.TargetResources.Distinct(StringComparer.Ordinal))
        {
            var resource = await GrainFactory.GetGrain<IResourceGrain>(id).FindAsync();
            if (resource is null)
            {
                missing.Add(id);
                continue;
            }

            environments.Add(EnvironmentNames.FromTags(resource.Tags) ?? EnvironmentNames.Normalize(Policy.UnknownEnvironment));
        }

        if (missing.Count > 0)
        {
            throw new ValidationException("targetResources", $"not managed: {string.Join(", ", missing)}");
        }

        var blastRadius = await graph.CountBlastRadiusAsync(action.TargetResources, Policy.MaxBlastRadius + 1);
        var decision = PolicyEvaluator.Evaluate(new PolicyInput(action, agent, Policy, environments, blastRadius, DateTimeOffset.UtcNow));
        await audit.AppendAsync(new AuditRecord(
            PolicyActor,
            AuditActions.PolicyVerdict,
            decision.Verdict switch
            {
                PolicyVerdict.Allow => AuditOutcomes.Allowed,
                PolicyVerdict.Deny => AuditOutcomes.Denied,
                _ => AuditOutcomes.ApprovalRequired,
            },
            ResourceId: action.TargetResources[0],
            ActionId: actionId,
            AgentId: action.AgentId,
            Reason: string.Join("; ", decision.Reasons),
            Details: ImmutableDictionary<string, string>.Empty
                .Add("type", action.Type)
                .Add("risk", action.RiskLevel.ToString().ToLowerInvariant())
                .Add("environment", decision.Environment)
                .Add("blastRadius", decision.BlastRadius.ToString(CultureInfo.InvariantCulture))
                .Add("targets", string.Join(",", action.TargetResources))));
        return (decision, agent);
    }

    private async Task<IReadOnlyDictionary<string, LeaseResult>> AcquireLeasesAsync(string actionId, AgentConfig agent, ImmutableArray<string> targets)
    {
        var policy = Policy;
        var request = new LeaseRequest(actionId, agent.Id, policy.PriorityOf(agent.Type), policy.LeaseDuration);
        var results = new Dictionary<string, LeaseResult>(StringComparer.Ordinal);

        // A fixed order over resources keeps two multi-resource actions from each holding half of what the other needs.
        foreach (var target in targets.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var result = await GrainFactory.GetGrain<IResourceGrain>(target).AcquireLeaseAsync(request);
            results[target] = result;
            if (result.Outcome == LeaseOutcome.Refused)
            {
                await audit.AppendAsync(new AuditRecord(PolicyActor, AuditActions.LeaseGranted, AuditOutcomes.Denied,
                    ResourceId: target, ActionId: actionId, AgentId: agent.Id, Reason: result.Reason));
                if (result.Lease is { } holder && holder.Priority > request.Priority)
                {
                    // A higher-priority agent is changing the resource: this plan is likely stale, so it is withdrawn
                    // (the agent proposes again if it still applies). Otherwise the action stays approved and waits.
                    await GrainFactory.GetGrain<IAgentActionGrain>(actionId).CancelAsync(PolicyActor,
                        $"{target} is held by action '{holder.ActionId}' of agent '{holder.AgentId}', which has higher priority");
                }
                else
                {
                    // Queued: it goes ahead when the holder releases the resource.
                    if (!state.State.Queued.TryGetValue(target, out var queue))
                    {
                        state.State.Queued[target] = queue = [];
                    }

                    if (!queue.Contains(actionId))
                    {
                        queue.Add(actionId);
                        await state.WriteStateAsync();
                    }
                }

                foreach (var (held, r) in results.Where(r => r.Value.Outcome != LeaseOutcome.Refused))
                {
                    await GrainFactory.GetGrain<IResourceGrain>(held).ReleaseLeaseAsync(actionId);
                    await audit.AppendAsync(new AuditRecord(PolicyActor, AuditActions.LeaseReleased, AuditOutcomes.Succeeded,
                        ResourceId: held, ActionId: actionId, AgentId: agent.Id, Reason: "released: another target is held by a higher-priority or executing action; the action waits"));
                }

                return results;
            }

            await audit.AppendAsync(new AuditRecord(PolicyActor, AuditActions.LeaseGranted, AuditOutcomes.Succeeded,
                ResourceId: target, ActionId: actionId, AgentId: agent.Id, Reason: result.Reason));
            if (result is { Outcome: LeaseOutcome.GrantedByPreemption, Preempted: { } loser })
            {
                await PreemptAsync(loser, target, actionId, agent.Id);
            }
        }

        return results;
    }

    private async Task PreemptAsync(ResourceLease loser, string resourceId, string winnerActionId, string winnerAgentId)
    {
        var reason = $"preempted on {resourceId} by action '{winnerActionId}' of agent '{winnerAgentId}', which has higher priority";
        await audit.AppendAsync(new AuditRecord(PolicyActor, AuditActions.LeasePreempted, AuditOutcomes.Denied,
            ResourceId: resourceId, ActionId: loser.ActionId, AgentId: loser.AgentId, Reason: reason));
        var loserAction = GrainFactory.GetGrain<IAgentActionGrain>(loser.ActionId);
        try
        {
            var current = await loserAction.CancelAsync(PolicyActor, reason);
            foreach (var other in current.TargetResources.Where(t => t != resourceId))
            {
                await GrainFactory.GetGrain<IResourceGrain>(other).ReleaseLeaseAsync(loser.ActionId);
            }
        }
        catch (InvalidTransitionException)
        {
            // The loser had already finished or been cancelled; its lease was stale.
        }
    }

    private async Task<Approval?> FindApprovalAsync(string actionId)
    {
        try
        {
            return await GrainFactory.GetGrain<IApprovalGrain>(actionId).GetAsync();
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private sealed record PendingSubmission(ProposedAction Action, string SubmittedBy, string ActionId)
    {
        public TaskCompletionSource<ActionSubmission> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
