using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Live;

namespace AIOps.Silo.Hubs;

/// <summary>What the live hub sends to its clients.</summary>
public interface ILiveClient
{
    /// <summary>An incident was opened or changed.</summary>
    Task IncidentChanged(Incident incident);

    /// <summary>An agent's status changed.</summary>
    Task AgentStatusChanged(AgentStatus status);

    /// <summary>An agent action changed.</summary>
    Task ActionChanged(AgentAction action);

    /// <summary>An approval request changed.</summary>
    Task ApprovalChanged(Approval approval);

    /// <summary>
    /// Managed resources changed (health, cost per hour, declaration or deletion). Resources change far more often
    /// than incidents, so they come in batches: one message per feed flush (every ~50 ms) with at most one change per
    /// resource, oldest first; a <c>resource:&lt;id&gt;</c> group gets a batch of one.
    /// </summary>
    Task ResourceChanged(IReadOnlyList<ResourceChange> changes);
}
