using AIOps.Abstractions.Resources;
using AIOps.Grains.Catalog;

namespace AIOps.Silo.Endpoints;

/// <summary>
/// Resources: the list (from the catalog, so no grain is activated) at exactly <c>/api/resources</c>, and single
/// resources by id; ids hold ':' and '/' (<c>k8s:prod:deployment/shop/cart</c>), so the id is the rest of the path.
/// </summary>
public static class ResourceEndpoints
{
    /// <summary>Maps <c>/api/resources</c>.</summary>
    public static IEndpointRouteBuilder MapResourceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/resources").WithTags("Resources");
        group.MapGet("/", (IResourceCatalog catalog, string? provider, string? kind, string? team, string? environment, string? health,
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
                parameters.Integer("limit", limit) ?? 50);
            parameters.ThrowIfAny();
            return catalog.QueryAsync(query, cancellationToken);
        });
        group.MapGet("/{**id}", (string id, IGrainFactory grains) => grains.GetGrain<IResourceGrain>(id).GetAsync());
        group.MapPut("/{**id}", (string id, ResourceSpec spec, IGrainFactory grains) => grains.GetGrain<IResourceGrain>(id).UpsertAsync(spec));
        group.MapDelete("/{**id}", async (string id, IGrainFactory grains) =>
        {
            await grains.GetGrain<IResourceGrain>(id).DeleteAsync();
            return Results.NoContent();
        });
        return endpoints;
    }
}
