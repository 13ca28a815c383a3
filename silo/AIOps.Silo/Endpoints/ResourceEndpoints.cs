using AIOps.Abstractions;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Catalog;
using AIOps.Grains.Topology;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>
/// Resources: the list (from the catalog, so no grain is activated) at exactly <c>/api/resources</c>, and single
/// resources by id; ids hold ':' and '/' (<c>k8s:prod:deployment/shop/cart</c>), so the id is the rest of the path.
/// </summary>
public static class ResourceEndpoints
{
    private const string TopologySuffix = "/topology";

    /// <summary>Maps <c>/api/resources</c>.</summary>
    public static IEndpointRouteBuilder MapResourceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/resources").WithTags("Resources").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/", (IResourceCatalog catalog, HttpContext http, [AsParameters] ResourceFilter filter, CancellationToken cancellationToken) =>
            catalog.QueryAsync(filter.ToQuery(http.User, defaultLimit: 50), cancellationToken));
        group.MapGet("/{**id}", async (string id, HttpContext http, IGrainFactory grains, TopologyService topology, string? depth, CancellationToken cancellationToken) =>
        {
            if (id.EndsWith(TopologySuffix, StringComparison.Ordinal))
            {
                var parameters = new QueryParameters();
                var hops = parameters.Integer("depth", depth) ?? 1;
                parameters.ThrowIfAny();
                return (object)await topology.GetNeighbourhoodAsync(id[..^TopologySuffix.Length], hops, http.User.Teams(), cancellationToken);
            }

            var resource = await grains.GetGrain<IResourceGrain>(id).GetAsync();
            return http.User.CanSee(TeamNames.FromTags(resource.Tags)) ? resource : throw new NotFoundException("resource", id);
        }).WithDescription("One resource; with the suffix /topology (GET /api/resources/{id}/topology?depth=n) its neighbourhood in the dependency graph.");
        endpoints.MapGet("/api/topology", (TopologyService topology, HttpContext http, [AsParameters] ResourceFilter filter, CancellationToken cancellationToken) =>
            topology.GetGraphPageAsync(filter.ToQuery(http.User, defaultLimit: 500), cancellationToken)).WithTags("Resources").RequireAuthorization(AccessPolicies.Read);
        group.MapPut("/{**id}", async (string id, ResourceSpec spec, HttpContext http, IGrainFactory grains, IResourceCatalog catalog) =>
        {
            await http.User.EnsureResourceAsync(catalog, id);
            if (spec.Tags is { } tags && TeamNames.FromTags(tags) is { } team && !http.User.CanSee(team))
            {
                throw new ForbiddenException($"You may not assign a resource to team '{team}'.");
            }

            return await grains.GetGrain<IResourceGrain>(id).UpsertAsync(spec);
        }).RequireAuthorization(AccessPolicies.Operate);
        group.MapDelete("/{**id}", async (string id, HttpContext http, IGrainFactory grains, IResourceCatalog catalog) =>
        {
            await http.User.EnsureResourceAsync(catalog, id);
            await grains.GetGrain<IResourceGrain>(id).DeleteAsync();
            return Results.NoContent();
        }).RequireAuthorization(AccessPolicies.Operate);
        return endpoints;
    }
}

/// <summary>The resource filters of <c>GET /api/resources</c> and <c>GET /api/topology</c>, read as text so every bad one is named.</summary>
/// <param name="Provider">Provider, e.g. <c>aws</c>.</param>
/// <param name="Kind">Kind, e.g. <c>node</c>.</param>
/// <param name="Team">Owning team.</param>
/// <param name="Environment">Environment (<c>prod</c> finds <c>production</c>).</param>
/// <param name="Health">unknown, healthy, degraded or unhealthy.</param>
/// <param name="Q">Text the name or id contains.</param>
/// <param name="Offset">Items to skip.</param>
/// <param name="Limit">Items to return.</param>
public sealed record ResourceFilter(string? Provider, string? Kind, string? Team, string? Environment, string? Health, string? Q, string? Offset, string? Limit)
{
    /// <summary>The catalog query, limited to the caller's teams; throws a validation error naming every bad parameter.</summary>
    internal ResourceQuery ToQuery(System.Security.Claims.ClaimsPrincipal user, int defaultLimit)
    {
        var parameters = new QueryParameters();
        var query = new ResourceQuery(
            QueryParameters.Text(Provider),
            QueryParameters.Text(Kind),
            QueryParameters.Text(Team),
            QueryParameters.Text(Environment),
            parameters.Enum<ResourceHealth>("health", Health),
            QueryParameters.Text(Q),
            parameters.Integer("offset", Offset) ?? 0,
            parameters.Integer("limit", Limit) ?? defaultLimit)
        {
            Teams = user.Teams(),
        };
        parameters.ThrowIfAny();
        return query;
    }
}
