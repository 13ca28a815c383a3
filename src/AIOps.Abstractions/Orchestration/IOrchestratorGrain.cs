using System.Collections.Immutable;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Approvals;

namespace AIOps.Abstractions.Orchestration;

/// <summary>
/// The orchestrator (one per cluster, key <see cref="Key"/>): registers agents, keeps routing rules and platform
/// policy, judges actions and asks for approval. Routing itself runs in <see cref="IEventRouterGrain"/> on every silo.
/// </summary>
[Alias("aiops.orchestrator")]
public interface IOrchestratorGrain : IGrainWithStringKey
{
    /// <summary>The one key this grain is used with.</summary>
    const string Key = "default";

    /// <summary>Configures and starts an agent (a new configuration version if it exists).</summary>
    [Alias("register-agent")] Task<AgentStatus> RegisterAgentAsync(AgentConfig config, string registeredBy);

    /// <summary>The routing rules and their version.</summary>
    [Alias("rules")] Task<RoutingTable> GetRoutingRulesAsync();

    /// <summary>Replaces the routing rules; <see cref="ValidationException"/> names bad rules.</summary>
    [Alias("set-rules")] Task<int> SetRoutingRulesAsync(ImmutableArray<RoutingRule> rules, string changedBy);

    /// <summary>The platform policy.</summary>
    [Alias("policy")] Task<PlatformPolicy> GetPolicyAsync();

    /// <summary>Replaces the platform policy; <see cref="ValidationException"/> names bad fields.</summary>
    [Alias("set-policy")] Task SetPolicyAsync(PlatformPolicy policy, string changedBy);

    /// <summary>Judges an action against its agent's configuration and the platform policy, and records the verdict in the audit trail.</summary>
    [Alias("enforce-policy")] Task<PolicyDecision> EnforcePolicyAsync(ProposedAction action);

    /// <summary>Opens an approval request for a pending action.</summary>
    [Alias("request-approval")] Task<Approval> RequestApprovalAsync(string actionId, string requestedBy, ImmutableArray<string> reasons);

    /// <summary>
    /// Proposes an action and takes it as far as policy allows: denied → rejected; needs approval → waits;
    /// allowed → approved and leases taken on its targets. The idempotency key names the action, so a
    /// redelivered submission changes nothing.
    /// </summary>
    [Alias("submit")] Task<ActionSubmission> SubmitAsync(ProposedAction action, string submittedBy);

    /// <summary>Takes an approved action on: leases on its targets, then execution (called when a person approves it).</summary>
    [Alias("proceed")] Task<ActionSubmission> ProceedAsync(string actionId);

    /// <summary>Leases on these resources were released: actions queued for them try again, highest priority first.</summary>
    [Alias("released")] Task ResourcesReleasedAsync(ImmutableArray<string> resourceIds);
}
