using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Alerts;
using AIOps.Abstractions.Incidents;
using AIOps.Incidents.Postmortem;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>Incidents: list (filter, page), open, detail, timeline and the status changes.</summary>
public static class IncidentEndpoints
{
    /// <summary>Maps <c>/api/incidents</c>.</summary>
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/", (IGrainFactory grains, HttpContext http, string? status, string? minSeverity, string? resource, string? offset, string? limit) =>
        {
            var parameters = new QueryParameters();
            var query = new IncidentQuery(
                parameters.Enum<IncidentStatus>("status", status),
                parameters.Enum<Severity>("minSeverity", minSeverity),
                parameters.Integer("offset", offset) ?? 0,
                parameters.Integer("limit", limit) ?? 50)
            {
                Teams = http.User.Teams(),
                Resource = string.IsNullOrWhiteSpace(resource) ? null : resource.Trim(),
            };
            parameters.ThrowIfAny();
            return grains.GetGrain<IIncidentIndexGrain>(IIncidentIndexGrain.Key).QueryAsync(query);
        });
        group.MapPost("/", async (OpenIncidentRequest request, HttpContext http, IGrainFactory grains) =>
        {
            var id = NewId();
            var incident = await grains.GetGrain<IIncidentGrain>(id).OpenAsync(new NewIncident(
                request.Title ?? "", request.Description ?? "", request.Severity ?? Severity.Medium,
                request.AffectedResources ?? [], request.DetectedAt, http.User.Actor())
            {
                Team = http.User.TeamForNew(request.Team),
            });
            return Results.Created($"/api/incidents/{id}", incident);
        }).RequireAuthorization(AccessPolicies.Operate);
        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var incident = await grains.GetGrain<IIncidentGrain>(id).GetAsync();
            return http.User.CanSee(incident.Team) ? incident : throw new NotFoundException("incident", id);
        });
        group.MapGet("/noise-reduction", (IGrainFactory grains) =>
            grains.GetGrain<IAlertCorrelatorGrain>(IAlertCorrelatorGrain.Key).GetNoiseReductionAsync())
            .WithDescription("Alerts in and incidents out, per source and overall, since the correlator started.");
        group.MapGet("/{id}/postmortem", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            await http.User.EnsureIncidentAsync(grains, id);
            var incident = grains.GetGrain<IIncidentGrain>(id);
            var markdown = PostmortemWriter.Write(await incident.GetAsync(), await incident.GetTimelineAsync());
            return Results.Text(markdown, "text/markdown; charset=utf-8");
        }).WithDescription("A postmortem in Markdown generated from the incident's journal: summary, impact, timeline, root cause, actions, follow-ups.")
            .Produces<string>(contentType: "text/markdown");
        group.MapGet("/{id}/timeline", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            await http.User.EnsureIncidentAsync(grains, id);
            return await grains.GetGrain<IIncidentGrain>(id).GetTimelineAsync();
        });

        // Status changes: team scope is checked before the grain is asked to change anything.
        var operate = group.MapGroup("/{id}").RequireAuthorization(AccessPolicies.Operate)
            .AddEndpointFilter(async (context, next) =>
            {
                await context.HttpContext.User.EnsureIncidentAsync(
                    context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>(), (string)context.HttpContext.GetRouteValue("id")!);
                return await next(context);
            });
        operate.MapPost("/acknowledge", (string id, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).InvestigateAsync(http.User.Actor()));
        operate.MapPost("/investigate", (string id, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).InvestigateAsync(http.User.Actor()));
        operate.MapPost("/resolve", (string id, ResolveIncidentRequest? request, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).ResolveAsync(http.User.Actor(), request?.Steps ?? [], request?.Automated ?? false));
        operate.MapPost("/notes", (string id, IncidentNoteRequest? request, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IIncidentGrain>(id).NoteAsync(http.User.Actor(), "note", request?.Text ?? ""));
        operate.MapPost("/analyze", async (string id, IGrainFactory grains) =>
        {
            await grains.GetGrain<IAlertCorrelatorGrain>(IAlertCorrelatorGrain.Key).AnalyzeNowAsync(id);
            return await grains.GetGrain<IIncidentGrain>(id).GetAsync();
        }).WithDescription("Runs the agent's analysis (classification, severity, root causes) now.");
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
    DateTimeOffset? DetectedAt,
    string? Team = null);

/// <summary>Body of the incident status changes (optional); the actor is always the caller.</summary>
public sealed record IncidentActionRequest(string? Reason);

/// <summary>Body of <c>POST /api/incidents/{id}/notes</c>.</summary>
/// <param name="Text">The note.</param>
public sealed record IncidentNoteRequest(string? Text);

/// <summary>Body of <c>POST /api/incidents/{id}/resolve</c>.</summary>
public sealed record ResolveIncidentRequest(ImmutableArray<string>? Steps, bool? Automated);
