using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;

namespace AIOps.Client;

/// <summary>Typed access to the platform's grains. Calls go through the cluster's gateway; errors arrive as the platform's exceptions (<see cref="Abstractions.NotFoundException"/>, <see cref="Abstractions.ValidationException"/>, ...).</summary>
public interface IAIOpsClient
{
    /// <summary>A managed resource by id, e.g. <c>k8s:prod:deployment/shop/cart</c>.</summary>
    IResourceGrain Resource(string id);

    /// <summary>An incident by id.</summary>
    IIncidentGrain Incident(string id);

    /// <summary>The incident listing.</summary>
    IIncidentIndexGrain Incidents { get; }

    /// <summary>An agent by id, e.g. <c>incident-response</c>.</summary>
    IAgentGrain Agent(string id);

    /// <summary>The ids of all configured agents.</summary>
    IAgentRegistryGrain Agents { get; }

    /// <summary>An agent action by id.</summary>
    IAgentActionGrain Action(string id);

    /// <summary>The approval request of an action.</summary>
    IApprovalGrain Approval(string actionId);

    /// <summary>The orchestrator: submit actions, policy, routing rules.</summary>
    IOrchestratorGrain Orchestrator { get; }

    /// <summary>Status of every configured agent.</summary>
    Task<IReadOnlyList<AgentStatus>> GetAgentStatusesAsync();
}
