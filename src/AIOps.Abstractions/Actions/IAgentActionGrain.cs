using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Orchestration;

namespace AIOps.Abstractions.Actions;

/// <summary>One agent action, event-sourced: its journal is its audit history. Keyed by action id.</summary>
[Alias("aiops.action")]
public interface IAgentActionGrain : IGrainWithStringKey
{
    /// <summary>Records the proposal; proposing again with the same idempotency key returns the action unchanged.</summary>
    [Alias("propose")] Task<AgentAction> ProposeAsync(ProposedAction proposal);

    /// <summary>The action, or <see cref="NotFoundException"/>.</summary>
    [Alias("get")] Task<AgentAction> GetAsync();

    /// <summary>The action's journal, oldest first.</summary>
    [Alias("timeline")] Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync();

    /// <summary>Records the policy decision once; a second call returns the first decision unchanged.</summary>
    [Alias("record-decision")] Task<PolicyDecision> RecordDecisionAsync(PolicyDecision decision);

    /// <summary>The policy decision, or null if policy has not judged the action yet.</summary>
    [Alias("decision")] Task<PolicyDecision?> GetDecisionAsync();

    /// <summary>pending → approved.</summary>
    [Alias("approve")] Task<AgentAction> ApproveAsync(string actor, string? comment);

    /// <summary>pending → rejected.</summary>
    [Alias("reject")] Task<AgentAction> RejectAsync(string actor, string? comment);

    /// <summary>pending → expired.</summary>
    [Alias("expire")] Task<AgentAction> ExpireAsync(string actor);

    /// <summary>pending or approved → cancelled.</summary>
    [Alias("cancel")] Task<AgentAction> CancelAsync(string actor, string reason);

    /// <summary>approved → executing.</summary>
    [Alias("start")] Task<AgentAction> StartExecutionAsync(string actor);

    /// <summary>
    /// approved → executing, then runs the action's plan in the background: the action must hold the lease on every
    /// target (renewed while it runs); the outcome is completed or failed (after compensation), and the leases are
    /// released. Calling it again while it runs changes nothing; after a crash the run resumes where the journal ends.
    /// </summary>
    [Alias("execute")] Task<AgentAction> ExecuteAsync();

    /// <summary>executing → completed.</summary>
    [Alias("complete")] Task<AgentAction> CompleteAsync(string actor, string result);

    /// <summary>executing → failed.</summary>
    [Alias("fail")] Task<AgentAction> FailAsync(string actor, string error);
}
