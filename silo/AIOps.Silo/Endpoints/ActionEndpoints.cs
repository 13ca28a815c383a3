using AIOps.Abstractions.Actions;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>Agent actions: detail and history. Approvals and execution come through the orchestrator.</summary>
public static class ActionEndpoints
{
    /// <summary>Maps <c>/api/actions</c>.</summary>
    public static IEndpointRouteBuilder MapActionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/actions").WithTags("Actions").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/{id}", (string id, IGrainFactory grains) => grains.GetGrain<IAgentActionGrain>(id).GetAsync());
        group.MapGet("/{id}/timeline", (string id, IGrainFactory grains) => grains.GetGrain<IAgentActionGrain>(id).GetTimelineAsync());
        return endpoints;
    }
}
