using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>Incidents: list (filter, page), open, detail, timeline and the status changes.</summary>
public static class IncidentEndpoints
{
    /// <summary>Maps <c>/api/incidents</c>.</summary>
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/", (IGrainFactory grains, string? status, string? minSeverity, int? offset, int? limit) =>
            grains.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key).QueryAsync(new IncidentQuery(
                WireEnum.Parse<IncidentStatus>(status, "status"), WireEnum.Parse<Severity>(minSeverity, "minSeverity"), offset ?? 0, limit ?? 50)));
        group.MapPost("/", async (OpenIncidentRequest request, HttpContext http, IGrainFactory grains) =>
        {
            var id = NewId();
            var incident = await grains.GetGrain<IIncidentGrain>(id).OpenAsync(new NewIncident(
                request.Title ?? "", request.Description ?? "", request.Severity ?? Severity.Medium,
                request.AffectedResources ?? [], request.DetectedAt, http.User.Actor()));
            return Results.Created($"/api/incidents/{id}", incident);
        }).RequireAuthorization(AccessPolicies.Operate);
        group.MapGet("/{id}", (string id, IGrainFactory grains) => grains.GetGrain<IIncidentGrain>(id).GetAsync());
        group.MapGet("/{id}/timeline", (string id, IGrainFactory grains) => grains.GetGrain<IIncidentGrain>(id).GetTimelineAsync());
        var operate = group.MapGroup("/{id}").RequireAuthorization(AccessPolicies.Operate);
        operate.MapPost("/acknowledge", (string id, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).InvestigateAsync(http.User.Actor()));
        operate.MapPost("/investigate", (string id, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).InvestigateAsync(http.User.Actor()));
        operate.MapPost("/resolve", (string id, ResolveIncidentRequest? request, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).ResolveAsync(http.User.Actor(), request?.Steps ?? [], request?.Automated ?? false));
        operate.MapPost("/close", (string id, IncidentActionRequest? request, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).CloseAsync(http.User.Actor(), request?.Reason));
        operate.MapPost("/reopen", (string id, IncidentActionRequest? request, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).ReopenAsync(http.User.Actor(), request?.Reason ?? "reopened"));
        return endpoints;
    }

    /// <summary>Time-ordered, so ids sort roughly by creation.</summary>
    private static string NewId() => "inc-" + Guid.CreateVersion7().ToString("N");
}

/// <summary>Body of <c>POST /api/incidents</c>.</summary>
public sealed record OpenIncidentRequest(
    string? Title,
    string? Description,
    Severity? Severity,
    ImmutableArray<string>? AffectedResources,
    DateTimeOffset? DetectedAt);

/// <summary>Body of the incident status changes (optional); the actor is always the caller.</summary>
public sealed record IncidentActionRequest(string? Reason);

/// <summary>Body of <c>POST /api/incidents/{id}/resolve</c>.</summary>
public sealed record ResolveIncidentRequest(ImmutableArray<string>? Steps, bool? Automated);
