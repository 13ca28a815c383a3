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
        using var response = await _silo.Anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        // The API itself is unchanged: it still wants a token.
        using var api = await _silo.Anonymous.GetAsync("/api/incidents");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task OnlyReadsGetThePage()
    {
        using var response = await _silo.Anonymous.PostAsync("/incidents", new StringContent("{}"));
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
