using AIOps.Abstractions.Resources;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>Resources by id; ids hold ':' and '/' (<c>k8s:prod:deployment/shop/cart</c>), so the id is the rest of the path.</summary>
public static class ResourceEndpoints
{
    /// <summary>Maps <c>/api/resources</c>.</summary>
    public static IEndpointRouteBuilder MapResourceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/resources").WithTags("Resources").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/{**id}", (string id, IGrainFactory grains) => grains.GetGrain<IResourceGrain>(id).GetAsync());
        group.MapPut("/{**id}", (string id, ResourceSpec spec, IGrainFactory grains) => grains.GetGrain<IResourceGrain>(id).UpsertAsync(spec)).RequireAuthorization(AccessPolicies.Operate);
        group.MapDelete("/{**id}", async (string id, IGrainFactory grains) =>
        {
            await grains.GetGrain<IResourceGrain>(id).DeleteAsync();
            return Results.NoContent();
        }).RequireAuthorization(AccessPolicies.Operate);
        return endpoints;
    }
}
