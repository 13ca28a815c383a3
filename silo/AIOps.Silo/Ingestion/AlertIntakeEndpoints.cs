using AIOps.Grains.Alerts;
using AIOps.Silo.Endpoints;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Ingestion;

/// <summary>What ingestion took: <c>GET /api/ingest/stats</c> (counters over the cluster) and <c>GET /api/alerts</c> (the alert store).</summary>
public static class AlertIntakeEndpoints
{
    /// <summary>Maps the two read endpoints (viewer).</summary>
    public static IEndpointRouteBuilder MapAlertIntakeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/ingest/stats", async (IngestionCountersFlusher flusher) => IngestionCountersStats.From(await flusher.FlushAndReadAsync()))
            .WithTags("Ingestion")
            .RequireAuthorization(AccessPolicies.Read)
            .WithDescription("Ingestion counts summed over the cluster, per source and overall: notifications, unique alerts, firing, resolved, repeats, rejected requests by reason.");
        endpoints.MapGet("/api/alerts", async (IAlertStore store, AlertIntake intake, string? source, string? status, string? resource, string? offset, string? limit, CancellationToken cancellationToken) =>
            {
                var parameters = new QueryParameters();
                var query = new AlertQuery(
                    QueryParameters.Text(source),
                    parameters.Enum<AlertStatus>("status", status),
                    QueryParameters.Text(resource),
                    parameters.Integer("offset", offset) ?? 0,
                    parameters.Integer("limit", limit) ?? 100);
                parameters.ThrowIfAny();
                // Repeats this silo counted in memory are stored first, so the counts read are current.
                await intake.FlushRepeatsAsync(cancellationToken);
                return await store.QueryAsync(query, cancellationToken);
            })
            .WithTags("Alerts")
            .RequireAuthorization(AccessPolicies.Read)
            .WithDescription("Stored alerts, one per source and fingerprint, newest notification first; filter by source, status (firing, resolved) and resource.");
        return endpoints;
    }
}
