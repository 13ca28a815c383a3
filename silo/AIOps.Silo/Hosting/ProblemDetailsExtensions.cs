namespace AIOps.Silo.Hosting;

/// <summary>Pipeline order for errors: exceptions and bare status codes both become problem details.</summary>
public static class ProblemDetailsExtensions
{
    /// <summary>Adds the exception handler and status-code pages.</summary>
    public static WebApplication UseAIOpsProblemDetails(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
