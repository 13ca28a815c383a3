using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace AIOps.Silo.Hosting;

/// <summary>
/// Serves the web dashboard (<c>clients/dashboard</c>, built by Vite into <c>dist/</c>) from the silo: its files, and
/// its page for the dashboard's own routes (a deep link or a reload of <c>/incidents/inc-1</c> works). The API, the
/// hubs, the issuer, the login page, OpenAPI, health and metrics are never answered with the page: an unknown path
/// there stays a 404 problem. Without a build, <c>/</c> says how to make one.
/// </summary>
public static class DashboardHosting
{
    /// <summary>Setting naming the built dashboard's folder; unset, the silo looks for <c>clients/dashboard/dist</c>
    /// above its content root and its binaries, then for <c>wwwroot</c> next to its binaries (a published silo).</summary>
    public const string PathKey = "AIOps:Dashboard:Path";

    /// <summary>The command that builds the dashboard, from the repository's root.</summary>
    public const string BuildCommand = "npm --prefix clients/dashboard ci && npm --prefix clients/dashboard run build";

    private const string Page = "index.html";

    private static readonly string[] ServerPrefixes = ["/api", "/hubs", "/connect", "/account", "/.well-known", "/openapi", "/healthz", "/readyz", "/metrics"];

    /// <summary>Serves the dashboard's files and routes; call before the identity middleware (the files are public).</summary>
    /// <exception cref="InvalidOperationException"><see cref="PathKey"/> names a folder without a built dashboard.</exception>
    public static WebApplication UseAIOpsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var folder = Locate(app.Configuration[PathKey], app.Environment.ContentRootPath);
        if (folder is null)
        {
            app.MapGet("/", () => Results.Content(NotBuiltPage, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = CacheControl(context.Context.Request.Path),
        });
        // After routing chose (or did not choose) an endpoint: only a read that matched nothing gets the page, so the
        // server's own answers (405, 415, its 404s) stay as they are.
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint() is not null || (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) || IsServerPath(http.Request.Path))
            {
                await next(http);
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache";
            await http.Response.SendFileAsync(files.GetFileInfo(Page), http.RequestAborted);
        });
        return app;
    }

    /// <summary>The built dashboard's folder, or null when there is none.</summary>
    internal static string? Locate(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = Path.GetFullPath(configured, contentRoot);
            return File.Exists(Path.Combine(path, Page))
                ? path
                : throw new InvalidOperationException($"{PathKey} is '{configured}', but '{path}' holds no built dashboard ({Page}); build it with: {BuildCommand}");
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "clients", "dashboard", "dist");
                if (File.Exists(Path.Combine(candidate, Page)))
                {
                    return candidate;
                }
            }
        }

        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return File.Exists(Path.Combine(published, Page)) ? published : null;
    }

    private static bool IsServerPath(PathString path) =>
        ServerPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    // Vite names what it bundles under assets/ by content hash: those never change; the page and the rest may.
    private static string CacheControl(PathString path) =>
        path.StartsWithSegments("/assets", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";

    private static readonly string NotBuiltPage =
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>AIOps</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; line-height: 1.5">
        <h1>AIOps is running</h1>
        <p>The web dashboard has not been built on this machine. From the repository's root:</p>
        <pre>{BuildCommand}</pre>
        <p>then restart the silo (or set <code>{PathKey}</code> to a built dashboard's folder).
        The API is at <a href="/openapi/v1.json">/openapi/v1.json</a>; health at <a href="/readyz">/readyz</a>.</p>
        </body></html>
        """;
}
