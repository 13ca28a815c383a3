using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Estate.Metrics;
using AIOps.Grains.Simulation;
using AIOps.Metrics.Prometheus;
using AIOps.Silo.Identity;
using AIOps.Simulation.Scenarios;

namespace AIOps.Silo.Endpoints;

/// <summary>
/// The simulated estate over HTTP: fault scenarios (start, list, read with ground truth, stop), actions on the estate,
/// the alerts, events and logs it produced, a range query over its metrics, and <c>GET /metrics</c> in the Prometheus
/// exposition format for a real Prometheus to scrape.
/// </summary>
public static class SimulationEndpoints
{
    /// <summary>Most points one series of a range query may have.</summary>
    public const int MaxPoints = 11_000;

    /// <summary>Maps <c>/api/simulation</c>, <c>/api/metrics/query_range</c> and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapSimulationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetSection("Simulation").GetValue("Enabled", true))
        {
            return endpoints;
        }

        var group = endpoints.MapGroup("/api/simulation").WithTags("Simulation").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/scenarios", (IGrainFactory grains) => Estate(grains).ScenariosAsync());
        group.MapGet("/scenarios/types", () => ScenarioCatalog.Types);
        group.MapGet("/scenarios/{id}", (string id, IGrainFactory grains) => Estate(grains).GetScenarioAsync(id));
        group.MapPost("/scenarios", async (ScenarioRequest? request, IGrainFactory grains) =>
        {
            var scenario = await Estate(grains).StartScenarioAsync(request ?? throw new ValidationException("body", "is required: {\"type\": \"memory-leak\", ...}"));
            return Results.Created($"/api/simulation/scenarios/{scenario.Id}", scenario);
        }).RequireAuthorization(AccessPolicies.Operate);
        group.MapDelete("/scenarios/{id}", (string id, IGrainFactory grains) => Estate(grains).StopScenarioAsync(id)).RequireAuthorization(AccessPolicies.Operate);
        group.MapPost("/actions", (SimulationActionRequest request, IGrainFactory grains) => Estate(grains).ApplyAsync(request)).RequireAuthorization(AccessPolicies.Operate);
        group.MapGet("/alerts", (IGrainFactory grains, long? after) => Estate(grains).AlertsAsync(after ?? 0));
        group.MapGet("/events", (IGrainFactory grains, long? after) => Estate(grains).EventsAsync(after ?? 0));
        group.MapGet("/logs", (IGrainFactory grains, long? after) => Estate(grains).LogsAsync(after ?? 0));

        // Scrape endpoints are read by Prometheus without a user token, like /healthz.
        endpoints.MapGet("/metrics", async (HttpContext http, IGrainFactory grains) =>
        {
            var samples = await Estate(grains).SampleAsync();
            http.Response.ContentType = PrometheusExposition.ContentType;
            PrometheusExposition.Write(http.Response.BodyWriter, samples);
            await http.Response.BodyWriter.FlushAsync();
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Maps <c>GET /api/metrics/query_range</c> over the configured metrics source (Prometheus, or the store the silo fills).</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/metrics/query_range", (IMetricsSource metrics, HttpContext http, string? metric, string? resource, string? from, string? to, string? step) =>
        {
            var parameters = new QueryParameters();
            var name = string.IsNullOrWhiteSpace(metric) ? parameters.Invalid<string>("metric", "is required, e.g. aiops_cpu_utilization_ratio") : metric;
            var end = parameters.Timestamp("to", to) ?? DateTimeOffset.UtcNow;
            var start = parameters.Timestamp("from", from) ?? end.AddHours(-1);
            var resolution = parameters.Duration("step", step) ?? TimeSpan.FromMinutes(1);
            if (start >= end)
            {
                parameters.Invalid<string>("from", "must be before 'to'");
            }
            else if ((end - start) / resolution > MaxPoints)
            {
                parameters.Invalid<string>("step", $"gives more than {MaxPoints} points over the range; use a larger step or a shorter range");
            }

            parameters.ThrowIfAny();
            var matchers = resource is null ? ImmutableSortedDictionary<string, string>.Empty : ImmutableSortedDictionary<string, string>.Empty.Add("resource_id", resource);
            return metrics.QueryRangeAsync(new MetricQuery(name!, matchers, start, end, resolution), http.RequestAborted);
        }).WithTags("Metrics").RequireAuthorization(AccessPolicies.Read);
        return endpoints;
    }

    private static ISimulationGrain Estate(IGrainFactory grains) => grains.GetGrain<ISimulationGrain>(ISimulationGrain.Key);
}
