using AIOps.Abstractions;
using AIOps.Incidents.Models;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>The trained models and the cross-validated metrics stored with each version.</summary>
public static class ModelEndpoints
{
    /// <summary>Maps <c>/api/models</c>.</summary>
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/models").WithTags("Models").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/", (IModelStore store, CancellationToken cancellationToken) => store.ListLatestAsync(cancellationToken))
            .WithSummary("Every model with its newest version and that version's metrics.")
            .Produces<IReadOnlyList<ModelVersion>>();
        group.MapGet("/{name}", async (string name, IModelStore store, CancellationToken cancellationToken) =>
        {
            var versions = await store.ListAsync(name, cancellationToken);
            return versions.Count > 0 ? versions : throw new NotFoundException("model", name);
        })
            .WithSummary("Every version of one model, newest first, with the metrics each was measured at.")
            .Produces<IReadOnlyList<ModelVersion>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
