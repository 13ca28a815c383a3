using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Orchestration;
using AIOps.Grains.Catalog;
using AIOps.Grains.Topology;
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
        endpoints.MapGet("/api/approvals/inbox", InboxAsync).WithTags("Approvals").RequireAuthorization(AccessPolicies.Read);
        endpoints.MapGet("/api/approvals/inbox/{id}", InboxItemByIdAsync).WithTags("Approvals").RequireAuthorization(AccessPolicies.Read);

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

    /// <summary>
    /// Every pending approval the caller may see, with what a decision needs: the action, its blast radius now, the
    /// remediation model's predicted success, and whether this caller may decide (the server's rules, four eyes
    /// included, so the dashboard shows buttons only where the server would accept the decision).
    /// </summary>
    private static async Task<IReadOnlyList<ApprovalInboxItem>> InboxAsync(HttpContext http, IGrainFactory grains, IResourceCatalog catalog, IResourceGraph graph)
    {
        var pending = await grains.GetGrain<IApprovalInboxGrain>(IApprovalInboxGrain.Key).PendingAsync();
        var items = new List<ApprovalInboxItem>(pending.Count);
        foreach (var approval in pending)
        {
            if (await InboxItemAsync(http, grains, catalog, graph, approval) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>One request as the inbox shows it, read from its own grain (so it is current the moment it changed).</summary>
    private static async Task<ApprovalInboxItem> InboxItemByIdAsync(string id, HttpContext http, IGrainFactory grains, IResourceCatalog catalog, IResourceGraph graph)
    {
        await http.User.EnsureActionAsync(grains, catalog, id);
        var approval = await grains.GetGrain<IApprovalGrain>(id).GetAsync();
        return await InboxItemAsync(http, grains, catalog, graph, approval) ?? throw new NotFoundException("approval", id);
    }

    private static async Task<ApprovalInboxItem?> InboxItemAsync(HttpContext http, IGrainFactory grains, IResourceCatalog catalog, IResourceGraph graph, Approval approval)
    {
        var user = http.User;
        var action = await grains.GetGrain<IAgentActionGrain>(approval.ActionId).GetAsync();
        var targets = action.TargetResources.IsDefault ? [] : action.TargetResources;
        if (!await user.HasTargetsInScopeAsync(catalog, targets))
        {
            return null;
        }

        var roles = user.EffectiveRoles();
        var blastRadius = targets.Length == 0 ? 0 : await graph.CountBlastRadiusAsync(targets, BlastRadiusCap, http.RequestAborted);
        var reason = approval.Status != ApprovalStatus.Pending ? $"already {approval.Status.ToString().ToLowerInvariant()}"
            : !roles.Contains(Roles.Approver) && !roles.Contains(Roles.Admin) ? "deciding needs the approver role"
            : string.Equals(approval.RequestedBy, user.Actor(), StringComparison.OrdinalIgnoreCase) ? "you requested this action; another approver must decide (four eyes)"
            : null;
        return new ApprovalInboxItem(approval, action, blastRadius, blastRadius >= BlastRadiusCap, PredictedSuccess(action), reason is null, reason);
    }

    private const int BlastRadiusCap = 1000;

    private static double? PredictedSuccess(AgentAction action) =>
        action.Parameters is { } parameters && parameters.TryGetValue("predictedSuccess", out var text)
            && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static IOrchestratorGrain Orchestrator(IGrainFactory grains) => grains.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);

    private static Approver Approver(HttpContext http) => new(http.User.Actor(), http.User.EffectiveRoles());

    private static string Comment(ApprovalDecisionRequest? request) =>
        string.IsNullOrWhiteSpace(request?.Comment) ? throw new ValidationException("comment", "is required: say why you approve or reject") : request.Comment;
}

/// <summary>Body of <c>POST /api/actions/{id}/approve</c> and <c>/reject</c>.</summary>
/// <param name="Comment">Why; required, and kept in the audit trail.</param>
public sealed record ApprovalDecisionRequest(string? Comment);

/// <summary>A pending approval as the approvals inbox shows it.</summary>
/// <param name="Approval">The request: who asked, the policy's reasons, deadlines, escalation.</param>
/// <param name="Action">The action waiting on it: type, targets, risk, rationale.</param>
/// <param name="BlastRadius">Resources the action touches now: its targets and everything that depends on them.</param>
/// <param name="BlastRadiusCapped">True when the count stopped at its cap (1,000): the real radius is at least that.</param>
/// <param name="PredictedSuccess">The remediation model's predicted success (0..1), when the action came from a runbook.</param>
/// <param name="CanDecide">Whether the caller may approve or reject it.</param>
/// <param name="CannotDecideReason">Why not, when <paramref name="CanDecide"/> is false.</param>
public sealed record ApprovalInboxItem(
    Approval Approval,
    AgentAction Action,
    int BlastRadius,
    bool BlastRadiusCapped,
    double? PredictedSuccess,
    bool CanDecide,
    string? CannotDecideReason);
