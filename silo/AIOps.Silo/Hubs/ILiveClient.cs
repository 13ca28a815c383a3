using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Incidents;

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
}
