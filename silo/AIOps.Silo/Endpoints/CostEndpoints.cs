using AIOps.Abstractions.Costs;
using AIOps.Grains.Costs;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>Cost optimisation: the run-rate report over the resource catalog.</summary>
public static class CostEndpoints
{
    /// <summary>Maps <c>/api/cost-optimization</c>.</summary>
    public static IEndpointRouteBuilder MapCostEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cost-optimization").WithTags("Cost optimization").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/reports", (CostReportService reports, HttpContext http, string? provider, string? team, string? environment, string? top,
            CancellationToken cancellationToken) =>
        {
            var parameters = new QueryParameters();
            var query = new CostReportQuery(
                QueryParameters.Text(provider),
                QueryParameters.Text(team),
                QueryParameters.Text(environment),
                parameters.Integer("top", top) ?? 10)
            {
                Teams = http.User.Teams(),
            };
            parameters.ThrowIfAny();
            return reports.GetReportAsync(query, cancellationToken);
        });
        return endpoints;
    }
}
