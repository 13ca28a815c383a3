using AIOps.Abstractions.Inventory;
using AIOps.Grains.Inventory;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>Inventory sources: how each sync stands, and a sync on demand.</summary>
public static class InventoryEndpoints
{
    /// <summary>Maps <c>/api/inventory</c>.</summary>
    public static IEndpointRouteBuilder MapInventoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/inventory").WithTags("Inventory").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/sources", async (InventoryProviders providers, IGrainFactory grains) =>
            await Task.WhenAll(providers.Names.Order(StringComparer.Ordinal).Select(name => grains.GetGrain<IInventorySyncGrain>(name).GetStatusAsync())));
        group.MapGet("/sources/{name}", (string name, InventoryProviders providers, IGrainFactory grains) =>
        {
            _ = providers.Get(name);
            return grains.GetGrain<IInventorySyncGrain>(name).GetStatusAsync();
        });
        group.MapPost("/sources/{name}/sync", (string name, InventoryProviders providers, IGrainFactory grains) =>
        {
            _ = providers.Get(name);
            return grains.GetGrain<IInventorySyncGrain>(name).SyncNowAsync();
        }).RequireAuthorization(AccessPolicies.Operate);
        return endpoints;
    }
}
