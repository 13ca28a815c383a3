using AIOps.Abstractions.Costs;
using AIOps.Grains.Costs;

namespace AIOps.Silo.Endpoints;

/// <summary>Cost optimisation: the run-rate report over the resource catalog.</summary>
public static class CostEndpoints
{
    /// <summary>Maps <c>/api/cost-optimization</c>.</summary>
    public static IEndpointRouteBuilder MapCostEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cost-optimization").WithTags("Cost optimization");
        group.MapGet("/reports", (CostReportService reports, string? provider, string? team, string? environment, string? top,
            CancellationToken cancellationToken) =>
        {
            var parameters = new QueryParameters();
            var query = new CostReportQuery(
                QueryParameters.Text(provider),
                QueryParameters.Text(team),
                QueryParameters.Text(environment),
                parameters.Integer("top", top) ?? 10);
            parameters.ThrowIfAny();
            return reports.GetReportAsync(query, cancellationToken);
        });
        return endpoints;
    }
}
