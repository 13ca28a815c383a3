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
        group.MapGet("/", (IResourceCatalog catalog, HttpContext http, string? provider, string? kind, string? team, string? environment, string? health,
            string? q, string? offset, string? limit, CancellationToken cancellationToken) =>
        {
            var parameters = new QueryParameters();
            var query = new ResourceQuery(
                QueryParameters.Text(provider),
                QueryParameters.Text(kind),
                QueryParameters.Text(team),
                QueryParameters.Text(environment),
                parameters.Enum<ResourceHealth>("health", health),
                QueryParameters.Text(q),
                parameters.Integer("offset", offset) ?? 0,
                parameters.Integer("limit", limit) ?? 50)
            {
                Teams = http.User.Teams(),
            };
            parameters.ThrowIfAny();
            return catalog.QueryAsync(query, cancellationToken);
        });
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
        endpoints.MapGet("/api/topology", (TopologyService topology, HttpContext http, string? provider, string? kind, string? team, string? environment, string? health,
            string? q, string? offset, string? limit, CancellationToken cancellationToken) =>
        {
            var parameters = new QueryParameters();
            var query = new ResourceQuery(
                QueryParameters.Text(provider),
                QueryParameters.Text(kind),
                QueryParameters.Text(team),
                QueryParameters.Text(environment),
                parameters.Enum<ResourceHealth>("health", health),
                QueryParameters.Text(q),
                parameters.Integer("offset", offset) ?? 0,
                parameters.Integer("limit", limit) ?? 500)
            {
                Teams = http.User.Teams(),
            };
            parameters.ThrowIfAny();
            return topology.GetGraphPageAsync(query, cancellationToken);
        }).WithTags("Resources").RequireAuthorization(AccessPolicies.Read);
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
