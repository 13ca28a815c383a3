using System.Net;
using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>The silo serves a built dashboard: its files, its page for its own routes, never for the server's paths.</summary>
public sealed class DashboardHostingTests : IAsyncLifetime
{
    private readonly string _dist = Path.Combine(Path.GetTempPath(), "aiops-dashboard-" + Guid.NewGuid().ToString("N"));
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dist, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_dist, "index.html"), "<!doctype html><title>AIOps</title><div id=\"root\"></div><script src=\"/assets/app-3f2a9c.js\"></script>");
        await File.WriteAllTextAsync(Path.Combine(_dist, "assets", "app-3f2a9c.js"), "console.log('aiops');");
        await File.WriteAllTextAsync(Path.Combine(_dist, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        _silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string> { ["AIOps__Dashboard__Path"] = _dist });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Directory.Delete(_dist, recursive: true);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/incidents/inc-20261127-001")]
    [InlineData("/approvals")]
    public async Task ThePageAnswersTheDashboardsOwnRoutesWithoutASessionAndIsAlwaysRevalidated(string path)
    {
        using var response = await _silo.Anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"root\"></div>", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoCache, $"{path}: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task HashedAssetsAreCachedForGoodAndOtherFilesRevalidated()
    {
        using var asset = await _silo.Anonymous.GetAsync("/assets/app-3f2a9c.js");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("console.log('aiops');", await asset.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl?.MaxAge);
        using var icon = await _silo.Anonymous.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.True(icon.Headers.CacheControl?.NoCache);
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/hubs/nothing")]
    [InlineData("/connect/nothing")]
    [InlineData("/account/nothing")]
    [InlineData("/healthz/extra")]
    public async Task TheServersOwnPathsNeverGetThePage(string path)
    {
        // Signed in, an unknown server path is a 404 problem; anonymous, the server's fallback policy asks for a token.
        using var signedIn = await _silo.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
        Assert.Equal("application/problem+json", signedIn.Content.Headers.ContentType?.MediaType);
        using var anonymous = await _silo.Anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheServersOwnAnswersStayTheirs()
    {
        // A wrong method or media type on an API route keeps its 405/415 problem: the page never stands in for them.
        using var method = await _silo.Http.DeleteAsync("/api/agents/status");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        using var media = await _silo.Http.PostAsync("/api/incidents", new StringContent("title=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, media.StatusCode);
    }

    [Fact]
    public async Task OnlyReadsGetThePage()
    {
        using var response = await _silo.Http.PostAsync("/incidents", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AConfiguredFolderWithoutABuildStopsTheSiloNamingTheSettingAndTheBuildCommand()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SiloProcess.StartAsync(settings: new Dictionary<string, string> { ["AIOps__Dashboard__Path"] = Path.Combine(_dist, "assets") }));
        Assert.Contains("AIOps:Dashboard:Path", e.Message, StringComparison.Ordinal);
        Assert.Contains("npm --prefix clients/dashboard ci && npm --prefix clients/dashboard run build", e.Message, StringComparison.Ordinal);
    }
}
