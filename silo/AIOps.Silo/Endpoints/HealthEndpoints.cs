using AIOps.Silo.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AIOps.Silo.Endpoints;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the silo is an active member and storage answers.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps both probes.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(SiloReadinessCheck.ReadyTag) }).AllowAnonymous();
        return endpoints;
    }
}
