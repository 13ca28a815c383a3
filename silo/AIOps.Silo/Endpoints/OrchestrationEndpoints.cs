using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Orchestration;

namespace AIOps.Silo.Endpoints;

/// <summary>The orchestrator over HTTP: submit actions, route events, read approvals, and manage policy and routing rules.</summary>
public static class OrchestrationEndpoints
{
    /// <summary>Maps <c>/api/orchestration</c>, <c>POST /api/actions</c> and <c>GET /api/approvals</c>.</summary>
    public static IEndpointRouteBuilder MapOrchestrationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/actions", (ProposedAction action, HttpContext http, IGrainFactory grains) =>
            Orchestrator(grains).SubmitAsync(action, Caller(http, $"agent:{action.AgentId}"))).WithTags("Actions");
        endpoints.MapGet("/api/actions/{id}/approval", (string id, IGrainFactory grains) =>
            grains.GetGrain<IApprovalGrain>(id).GetAsync()).WithTags("Actions");
        endpoints.MapGet("/api/approvals/pending", (HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IApprovalInboxGrain>(IApprovalInboxGrain.Key).PendingForAsync(Caller(http, "anonymous"))).WithTags("Approvals");

        var group = endpoints.MapGroup("/api/orchestration").WithTags("Orchestration");
        group.MapGet("/policy", (IGrainFactory grains) => Orchestrator(grains).GetPolicyAsync());
        group.MapPut("/policy", async (PlatformPolicy policy, HttpContext http, IGrainFactory grains) =>
        {
            await Orchestrator(grains).SetPolicyAsync(policy, Caller(http, "anonymous"));
            return await Orchestrator(grains).GetPolicyAsync();
        });
        group.MapGet("/routing-rules", (IGrainFactory grains) => Orchestrator(grains).GetRoutingRulesAsync());
        group.MapPut("/routing-rules", async (ImmutableArray<RoutingRule>? rules, HttpContext http, IGrainFactory grains) =>
        {
            await Orchestrator(grains).SetRoutingRulesAsync(rules ?? throw new ValidationException("rules", "is required"), Caller(http, "anonymous"));
            return await Orchestrator(grains).GetRoutingRulesAsync();
        });
        group.MapPost("/events", (SystemEvent systemEvent, IGrainFactory grains) =>
            grains.GetGrain<IEventRouterGrain>(0).RouteEventAsync(systemEvent));
        return endpoints;
    }

    private static IOrchestratorGrain Orchestrator(IGrainFactory grains) => grains.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);

    private static string Caller(HttpContext http, string fallback) => http.User.Identity?.Name is { Length: > 0 } name ? name : fallback;
}
