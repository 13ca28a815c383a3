using AIOps.Abstractions.Actions;
using AIOps.Grains.Actions;
using AIOps.Grains.Catalog;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>Agent actions: list, detail and history. Approvals and execution come through the orchestrator.</summary>
public static class ActionEndpoints
{
    /// <summary>Maps <c>/api/actions</c>.</summary>
    public static IEndpointRouteBuilder MapActionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/actions").WithTags("Actions").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/", (IActionIndex index, HttpContext http, string? status, string? agentId, string? resource, string? offset, string? limit,
            CancellationToken cancellationToken) =>
        {
            var parameters = new QueryParameters();
            var query = new ActionQuery(
                parameters.Enum<ActionStatus>("status", status),
                QueryParameters.Text(agentId),
                QueryParameters.Text(resource),
                parameters.Integer("offset", offset) ?? 0,
                parameters.Integer("limit", limit) ?? 50)
            {
                Teams = http.User.Teams(),
            };
            parameters.ThrowIfAny();
            return index.QueryAsync(query, cancellationToken);
        });
        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains, IResourceCatalog catalog) =>
        {
            await http.User.EnsureActionAsync(grains, catalog, id);
            return await grains.GetGrain<IAgentActionGrain>(id).GetAsync();
        });
        group.MapGet("/{id}/timeline", async (string id, HttpContext http, IGrainFactory grains, IResourceCatalog catalog) =>
        {
            await http.User.EnsureActionAsync(grains, catalog, id);
            return await grains.GetGrain<IAgentActionGrain>(id).GetTimelineAsync();
        });
        return endpoints;
    }
}
