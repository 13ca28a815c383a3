using AIOps.Abstractions;
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
        group.MapGet("/trend", TrendAsync);
        group.MapGet("/recommendations", (CostRecommendationService recommendations, HttpContext http, string? window, CancellationToken cancellationToken) =>
        {
            var parameters = new QueryParameters();
            var span = parameters.Duration("window", window) ?? TimeSpan.FromHours(1);
            if (span < TimeSpan.FromMinutes(5) || span > TimeSpan.FromDays(7))
            {
                parameters.Invalid<string>("window", "must be between 5 minutes and 7 days");
            }

            parameters.ThrowIfAny();
            return recommendations.RecommendAsync(http.User.Teams(), span, cancellationToken);
        }).WithDescription("Ways to spend less: idle and underused machines (CPU over the window) and volumes attached to nothing, with estimated monthly savings.");
        return endpoints;
    }

    /// <summary>Most points one trend answers with.</summary>
    public const int MaxPoints = 2000;

    /// <summary>
    /// Spend over time by one dimension (total, provider, team, kind or environment), from the cost history's snapshots:
    /// by default the last 24 hours in about 120 steps. A team-scoped caller sees spend by team, of their teams only.
    /// </summary>
    private static async Task<CostTrend> TrendAsync(ICostHistoryStore history, TimeProvider clock, HttpContext http, string? by, string? from, string? to, string? step,
        CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters();
        var dimension = QueryParameters.Text(by)?.ToLowerInvariant() ?? CostDimensions.Total;
        if (!CostDimensions.All.Contains(dimension))
        {
            parameters.Invalid<string>("by", $"must be one of {string.Join(", ", CostDimensions.All)}");
        }

        var end = parameters.Timestamp("to", to) ?? clock.GetUtcNow();
        var start = parameters.Timestamp("from", from) ?? end.AddHours(-24);
        var resolution = parameters.Duration("step", step);
        if (start >= end)
        {
            parameters.Invalid<string>("from", "must be before 'to'");
        }

        var width = resolution ?? TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling((end - start).TotalMinutes / 120)));
        if (width < TimeSpan.FromMinutes(1))
        {
            parameters.Invalid<string>("step", "must be at least 1 minute (snapshots are minutes apart)");
        }
        else if (start < end && (end - start).Ticks / width.Ticks > MaxPoints)
        {
            parameters.Invalid<string>("step", $"gives more than {MaxPoints} points over the range; use a larger step or a shorter range");
        }

        parameters.ThrowIfAny();
        IReadOnlyCollection<string>? keys = null;
        if (http.User.Teams() is { } teams)
        {
            if (dimension != CostDimensions.Team)
            {
                throw new ForbiddenException($"Spend by {dimension} spans every team; a team-scoped user can ask for it by team (by=team).");
            }

            keys = [.. teams, CostDimensions.None];
        }

        var series = await history.QueryAsync(dimension, keys, start, end, width, cancellationToken);
        return new CostTrend(dimension, start, end, width, [.. series.OrderByDescending(s => s.Points.Length == 0 ? 0 : s.Points[^1].PerHour).ThenBy(s => s.Key, StringComparer.Ordinal)]);
    }
}
