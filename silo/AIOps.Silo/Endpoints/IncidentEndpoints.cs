using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;

namespace AIOps.Silo.Endpoints;

/// <summary>Incidents: list (filter, page), open, detail, timeline and the status changes.</summary>
public static class IncidentEndpoints
{
    /// <summary>Maps <c>/api/incidents</c>.</summary>
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/incidents").WithTags("Incidents");
        group.MapGet("/", (IGrainFactory grains, string? status, string? minSeverity, int? offset, int? limit) =>
            grains.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key).QueryAsync(new IncidentQuery(
                WireEnum.Parse<IncidentStatus>(status, "status"), WireEnum.Parse<Severity>(minSeverity, "minSeverity"), offset ?? 0, limit ?? 50)));
        group.MapPost("/", async (OpenIncidentRequest request, IGrainFactory grains) =>
        {
            var id = NewId();
            var incident = await grains.GetGrain<IIncidentGrain>(id).OpenAsync(new NewIncident(
                request.Title ?? "", request.Description ?? "", request.Severity ?? Severity.Medium,
                request.AffectedResources ?? [], request.DetectedAt, Actor(request.Actor))
            {
                Team = request.Team,
            });
            return Results.Created($"/api/incidents/{id}", incident);
        });
        group.MapGet("/{id}", (string id, IGrainFactory grains) => grains.GetGrain<IIncidentGrain>(id).GetAsync());
        group.MapGet("/{id}/timeline", (string id, IGrainFactory grains) => grains.GetGrain<IIncidentGrain>(id).GetTimelineAsync());
        group.MapPost("/{id}/investigate", (string id, IncidentActionRequest? request, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).InvestigateAsync(Actor(request?.Actor)));
        group.MapPost("/{id}/resolve", (string id, ResolveIncidentRequest? request, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).ResolveAsync(Actor(request?.Actor), request?.Steps ?? [], request?.Automated ?? false));
        group.MapPost("/{id}/close", (string id, IncidentActionRequest? request, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).CloseAsync(Actor(request?.Actor), request?.Reason));
        group.MapPost("/{id}/reopen", (string id, IncidentActionRequest? request, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).ReopenAsync(Actor(request?.Actor), request?.Reason ?? "reopened"));
        return endpoints;
    }

    /// <summary>Time-ordered, so ids sort roughly by creation.</summary>
    private static string NewId() => "inc-" + Guid.CreateVersion7().ToString("N");

    private static string Actor(string? actor) => string.IsNullOrWhiteSpace(actor) ? "api" : actor;
}

/// <summary>Body of <c>POST /api/incidents</c>.</summary>
public sealed record OpenIncidentRequest(
    string? Title,
    string? Description,
    Severity? Severity,
    ImmutableArray<string>? AffectedResources,
    DateTimeOffset? DetectedAt,
    string? Actor,
    string? Team = null);

/// <summary>Body of the incident status changes (all fields optional).</summary>
public sealed record IncidentActionRequest(string? Actor, string? Reason);

/// <summary>Body of <c>POST /api/incidents/{id}/resolve</c>.</summary>
public sealed record ResolveIncidentRequest(string? Actor, ImmutableArray<string>? Steps, bool? Automated);
