namespace AIOps.Silo.Ingestion;

/// <summary>Puts <see cref="IngestionCountersMiddleware"/> first in the pipeline, outside authentication and the problem-details handler.</summary>
internal sealed class IngestionCountersStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<IngestionCountersMiddleware>();
        next(app);
    };
}
