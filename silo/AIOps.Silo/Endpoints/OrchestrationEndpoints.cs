using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Orchestration;
using AIOps.Grains.Catalog;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>The orchestrator over HTTP: submit actions, route events, read approvals, and manage policy and routing rules.</summary>
public static class OrchestrationEndpoints
{
    /// <summary>Maps <c>/api/orchestration</c>, <c>POST /api/actions</c> and <c>GET /api/approvals</c>.</summary>
    public static IEndpointRouteBuilder MapOrchestrationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/actions", async (ProposedAction action, HttpContext http, IGrainFactory grains, IResourceCatalog catalog) =>
        {
            await http.User.EnsureTargetsAsync(catalog, action.TargetResources.IsDefault ? [] : action.TargetResources,
                () => new ForbiddenException("A target resource belongs to a team outside yours."));
            return await Orchestrator(grains).SubmitAsync(action, http.User.Actor());
        }).WithTags("Actions").RequireAuthorization(AccessPolicies.Operate);
        endpoints.MapGet("/api/actions/{id}/approval", async (string id, HttpContext http, IGrainFactory grains, IResourceCatalog catalog) =>
        {
            await http.User.EnsureActionAsync(grains, catalog, id);
            return await grains.GetGrain<IApprovalGrain>(id).GetAsync();
        }).WithTags("Actions").RequireAuthorization(AccessPolicies.Read);
        endpoints.MapPost("/api/actions/{id}/approve", async (string id, ApprovalDecisionRequest? request, HttpContext http, IGrainFactory grains, IResourceCatalog catalog) =>
        {
            await http.User.EnsureActionAsync(grains, catalog, id);
            return await grains.GetGrain<IApprovalGrain>(id).ApproveAsync(Approver(http), Comment(request));
        }).WithTags("Actions").RequireAuthorization(AccessPolicies.Approve);
        endpoints.MapPost("/api/actions/{id}/reject", async (string id, ApprovalDecisionRequest? request, HttpContext http, IGrainFactory grains, IResourceCatalog catalog) =>
        {
            await http.User.EnsureActionAsync(grains, catalog, id);
            return await grains.GetGrain<IApprovalGrain>(id).RejectAsync(Approver(http), Comment(request));
        }).WithTags("Actions").RequireAuthorization(AccessPolicies.Approve);
        endpoints.MapGet("/api/approvals/pending", (HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IApprovalInboxGrain>(IApprovalInboxGrain.Key).PendingForAsync(http.User.Actor())).WithTags("Approvals").RequireAuthorization(AccessPolicies.Read);

        var group = endpoints.MapGroup("/api/orchestration").WithTags("Orchestration").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/policy", (IGrainFactory grains) => Orchestrator(grains).GetPolicyAsync());
        group.MapPut("/policy", async (PlatformPolicy policy, HttpContext http, IGrainFactory grains) =>
        {
            await Orchestrator(grains).SetPolicyAsync(policy, http.User.Actor());
            return await Orchestrator(grains).GetPolicyAsync();
        }).RequireAuthorization(AccessPolicies.Admin);
        group.MapGet("/routing-rules", (IGrainFactory grains) => Orchestrator(grains).GetRoutingRulesAsync());
        group.MapPut("/routing-rules", async (ImmutableArray<RoutingRule>? rules, HttpContext http, IGrainFactory grains) =>
        {
            await Orchestrator(grains).SetRoutingRulesAsync(rules ?? throw new ValidationException("rules", "is required"), http.User.Actor());
            return await Orchestrator(grains).GetRoutingRulesAsync();
        }).RequireAuthorization(AccessPolicies.Admin);
        group.MapPost("/events", (SystemEvent systemEvent, IGrainFactory grains) =>
            grains.GetGrain<IEventRouterGrain>(0).RouteEventAsync(systemEvent)).RequireAuthorization(AccessPolicies.Operate);
        return endpoints;
    }

    private static IOrchestratorGrain Orchestrator(IGrainFactory grains) => grains.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);

    private static Approver Approver(HttpContext http) => new(http.User.Actor(), http.User.EffectiveRoles());

    private static string Comment(ApprovalDecisionRequest? request) =>
        string.IsNullOrWhiteSpace(request?.Comment) ? throw new ValidationException("comment", "is required: say why you approve or reject") : request.Comment;
}

/// <summary>Body of <c>POST /api/actions/{id}/approve</c> and <c>/reject</c>.</summary>
/// <param name="Comment">Why; required, and kept in the audit trail.</param>
public sealed record ApprovalDecisionRequest(string? Comment);
