using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>Agents: status of all, status of one, configuration, start and stop.</summary>
public static class AgentEndpoints
{
    /// <summary>Maps <c>/api/agents</c>.</summary>
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/agents").WithTags("Agents").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/status", async (IGrainFactory grains) =>
        {
            var ids = await grains.GetGrain<IAgentRegistryGrain>(IAgentRegistryGrain.Key).ListAsync();
            return await Task.WhenAll(ids.Select(id => grains.GetGrain<IAgentGrain>(id).GetStatusAsync()));
        });
        group.MapGet("/{id}/status", (string id, IGrainFactory grains) => grains.GetGrain<IAgentGrain>(id).GetStatusAsync());
        group.MapGet("/{id}/config", (string id, IGrainFactory grains) => grains.GetGrain<IAgentGrain>(id).GetConfigAsync());
        group.MapGet("/{id}/config/history", (string id, IGrainFactory grains) => grains.GetGrain<IAgentGrain>(id).GetConfigHistoryAsync());
        group.MapPost("/config", (AgentConfig config, HttpContext http, IGrainFactory grains) => string.IsNullOrWhiteSpace(config.Id)
            ? throw new ValidationException("id", "is required")
            : grains.GetGrain<IAgentGrain>(config.Id).ConfigureAsync(config, http.User.Actor())).RequireAuthorization(AccessPolicies.Admin);
        group.MapPost("/{id}/start", (string id, IGrainFactory grains) => grains.GetGrain<IAgentGrain>(id).StartAsync()).RequireAuthorization(AccessPolicies.Operate);
        group.MapPost("/{id}/stop", (string id, IGrainFactory grains) => grains.GetGrain<IAgentGrain>(id).StopAsync()).RequireAuthorization(AccessPolicies.Operate);
        group.MapPost("/{id}/restart", (string id, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IAgentGrain>(id).RestartAsync(http.User.Actor())).RequireAuthorization(AccessPolicies.Operate);
        return endpoints;
    }
}
