using System.Collections.Immutable;
using System.Text;
using AIOps.Abstractions;
using AIOps.Grains.Runbooks;
using AIOps.Incidents.Runbooks;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>Runbooks: catalog (built-in and users'), dry run, execution and its progress.</summary>
public static class RunbookEndpoints
{
    /// <summary>Maps <c>/api/runbooks</c>.</summary>
    public static IEndpointRouteBuilder MapRunbookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/runbooks").WithTags("Runbooks").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/", async (IGrainFactory grains) =>
            (await Catalog(grains).ListAsync()).Select(d => Summary(d, RunbookParser.Parse(d.Yaml))));
        group.MapGet("/{id}", async (string id, IGrainFactory grains) =>
        {
            var document = await Catalog(grains).GetAsync(id);
            return new RunbookDetail(Summary(document, RunbookParser.Parse(document.Yaml)), document.Yaml, RunbookParser.Parse(document.Yaml));
        });
        group.MapPut("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var yaml = await ReadBodyAsync(http);
            var document = await Catalog(grains).PutAsync(id, yaml, http.User.Actor());
            return Summary(document, RunbookParser.Parse(document.Yaml));
        }).WithDescription("The body is the runbook's YAML document (application/yaml).").RequireAuthorization(AccessPolicies.Admin);
        group.MapDelete("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var restored = await Catalog(grains).DeleteAsync(id, http.User.Actor());
            return restored is null ? Results.NoContent() : Results.Ok(Summary(restored, RunbookParser.Parse(restored.Yaml)));
        }).RequireAuthorization(AccessPolicies.Admin);
        group.MapPost("/{id}/dry-run", async (string id, RunbookRunRequest request, HttpContext http, IGrainFactory grains, RunbookDryRun dryRun) =>
        {
            var runbook = RunbookParser.Parse((await Catalog(grains).GetAsync(id)).Yaml);
            if (string.IsNullOrWhiteSpace(request.IncidentId) && (request.Resources is null || request.Resources.Count == 0))
            {
                throw new ValidationException("incidentId", "name an incident, or give incidentType and resources");
            }

            if (!string.IsNullOrWhiteSpace(request.IncidentId))
            {
                await http.User.EnsureIncidentAsync(grains, request.IncidentId);
            }

            var context = await RunbookContexts.BuildAsync(grains, request.IncidentId, TypeOf(runbook, request), request.Labels, request.Resources);
            return await dryRun.RunAsync(runbook, context, http.RequestAborted);
        }).RequireAuthorization(AccessPolicies.Operate);
        group.MapPost("/{id}/execute", async (string id, RunbookRunRequest request, HttpContext http, IGrainFactory grains) =>
        {
            var runbook = RunbookParser.Parse((await Catalog(grains).GetAsync(id)).Yaml);
            if (string.IsNullOrWhiteSpace(request.IncidentId))
            {
                throw new ValidationException("incidentId", "is required");
            }

            await http.User.EnsureIncidentAsync(grains, request.IncidentId);
            var executionId = $"rbx-{Guid.CreateVersion7():N}";
            var view = await grains.GetGrain<IRunbookExecutionGrain>(executionId).StartAsync(new RunbookExecutionRequest(
                runbook.Id, request.IncidentId, TypeOf(runbook, request), (request.Labels ?? []).ToImmutableDictionary(StringComparer.Ordinal), http.User.Actor()));
            return Results.Accepted($"/api/runbooks/executions/{executionId}", view);
        }).RequireAuthorization(AccessPolicies.Operate);
        group.MapGet("/executions/{executionId}", async (string executionId, HttpContext http, IGrainFactory grains) =>
        {
            var view = await grains.GetGrain<IRunbookExecutionGrain>(executionId).GetAsync();
            await http.User.EnsureIncidentAsync(grains, view.IncidentId);
            return view;
        });
        return endpoints;
    }

    private static IRunbookCatalogGrain Catalog(IGrainFactory grains) => grains.GetGrain<IRunbookCatalogGrain>(IRunbookCatalogGrain.Key);

    private static string TypeOf(Runbook runbook, RunbookRunRequest request) =>
        !string.IsNullOrWhiteSpace(request.IncidentType) ? request.IncidentType
        : runbook.IncidentTypes.Length == 1 ? runbook.IncidentTypes[0]
        : throw new ValidationException("incidentType", $"runbook '{runbook.Id}' is bound to several types ({string.Join(", ", runbook.IncidentTypes)}); name one");

    private static async Task<string> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var buffer = new char[RunbookParser.MaxLength + 1];
        var read = await reader.ReadBlockAsync(buffer, http.RequestAborted);
        return read > RunbookParser.MaxLength
            ? throw new ValidationException("yaml", $"the runbook document is longer than {RunbookParser.MaxLength} characters")
            : new string(buffer, 0, read);
    }

    private static RunbookSummary Summary(RunbookDocument d, Runbook r) =>
        new(d.Id, r.Name, r.Description, r.IncidentTypes, d.BuiltIn, d.Overridden, d.UpdatedAt, d.UpdatedBy);
}

/// <summary>A runbook in the list.</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name.</param>
/// <param name="Description">Description.</param>
/// <param name="IncidentTypes">Bound incident types.</param>
/// <param name="BuiltIn">Shipped with the platform.</param>
/// <param name="Overridden">A user's version replaces the shipped one.</param>
/// <param name="UpdatedAt">When a user stored it.</param>
/// <param name="UpdatedBy">Who stored it.</param>
public sealed record RunbookSummary(string Id, string Name, string Description, ImmutableArray<string> IncidentTypes, bool BuiltIn, bool Overridden, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>A runbook with its YAML and its parsed form.</summary>
/// <param name="Summary">The list entry.</param>
/// <param name="Yaml">The document.</param>
/// <param name="Parsed">The parsed runbook.</param>
public sealed record RunbookDetail(RunbookSummary Summary, string Yaml, Runbook Parsed);

/// <summary>Body of a dry run or an execution.</summary>
/// <param name="IncidentId">The incident (required to execute).</param>
/// <param name="IncidentType">Its type; defaults to the runbook's only type.</param>
/// <param name="Labels">Labels for matchers and parameters.</param>
/// <param name="Resources">For a dry run without an incident: the resources to plan against.</param>
public sealed record RunbookRunRequest(string? IncidentId, string? IncidentType, Dictionary<string, string>? Labels, List<string>? Resources);
