using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;

namespace AIOps.Client;

/// <summary>The grain factory behind <see cref="IAIOpsClient"/>.</summary>
internal sealed class AIOpsClient(IClusterClient cluster) : IAIOpsClient
{
    public IResourceGrain Resource(string id) => cluster.GetGrain<IResourceGrain>(id);

    public IIncidentGrain Incident(string id) => cluster.GetGrain<IIncidentGrain>(id);

    public IIncidentIndexGrain Incidents => cluster.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key);

    public IAgentGrain Agent(string id) => cluster.GetGrain<IAgentGrain>(id);

    public IAgentRegistryGrain Agents => cluster.GetGrain<IAgentRegistryGrain>(IAgentRegistryGrain.Key);

    public IAgentActionGrain Action(string id) => cluster.GetGrain<IAgentActionGrain>(id);

    public IApprovalGrain Approval(string actionId) => cluster.GetGrain<IApprovalGrain>(actionId);

    public IOrchestratorGrain Orchestrator => cluster.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);

    public async Task<IReadOnlyList<AgentStatus>> GetAgentStatusesAsync()
    {
        var ids = await Agents.ListAsync();
        return await Task.WhenAll(ids.Select(id => Agent(id).GetStatusAsync()));
    }
}
