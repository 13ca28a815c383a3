using AIOps.Abstractions.Actions;
using AIOps.Grains.Actions;

namespace AIOps.Silo.Endpoints;

/// <summary>Agent actions: list, detail and history. Approvals and execution come through the orchestrator.</summary>
public static class ActionEndpoints
{
    /// <summary>Maps <c>/api/actions</c>.</summary>
    public static IEndpointRouteBuilder MapActionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/actions").WithTags("Actions");
        group.MapGet("/", (IActionIndex index, string? status, string? agentId, string? resource, string? offset, string? limit,
            CancellationToken cancellationToken) =>
        {
            var parameters = new QueryParameters();
            var query = new ActionQuery(
                parameters.Enum<ActionStatus>("status", status),
                QueryParameters.Text(agentId),
                QueryParameters.Text(resource),
                parameters.Integer("offset", offset) ?? 0,
                parameters.Integer("limit", limit) ?? 50);
            parameters.ThrowIfAny();
            return index.QueryAsync(query, cancellationToken);
        });
        group.MapGet("/{id}", (string id, IGrainFactory grains) => grains.GetGrain<IAgentActionGrain>(id).GetAsync());
        group.MapGet("/{id}/timeline", (string id, IGrainFactory grains) => grains.GetGrain<IAgentActionGrain>(id).GetTimelineAsync());
        return endpoints;
    }
}
