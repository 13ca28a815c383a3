using System.Text.Json;
using AIOps.Testing;
using Microsoft.Playwright;

namespace AIOps.Dashboard.Tests;

/// <summary>
/// One silo in the embedded default mode serving the built dashboard, and the machine's Chromium driven by
/// Playwright. Each sign-in gets its own browser context (its own cookies and session storage), like a second person.
/// </summary>
public class DashboardFixture : IAsyncLifetime
{
    /// <summary>Where the machine's Chromium is, unless <c>AIOPS_CHROMIUM</c> says otherwise.</summary>
    private const string DefaultChromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public SiloProcess Silo { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots and measured figures of this run: <c>artifacts/dashboard</c> at the repository's root.</summary>
    public string Artifacts { get; } = Path.Combine(RepositoryRoot(), "artifacts", "dashboard");

    /// <summary>Settings the silo starts with beyond the dashboard's folder (the embedded defaults otherwise).</summary>
    protected virtual IReadOnlyDictionary<string, string> SiloSettings { get; } = new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        var dist = Path.Combine(RepositoryRoot(), "clients", "dashboard", "dist");
        if (!File.Exists(Path.Combine(dist, "index.html")))
        {
            throw new InvalidOperationException(
                $"The dashboard is not built ({dist} has no index.html). Build it first: npm --prefix clients/dashboard ci && npm --prefix clients/dashboard run build");
        }

        var chromium = Environment.GetEnvironmentVariable("AIOPS_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {chromium}. Install Debian's package: apt-get update && apt-get install -y chromium (or set AIOPS_CHROMIUM to a Chromium binary).");
        }

        Directory.CreateDirectory(Artifacts);
        ResetArtifacts();
        var settings = new Dictionary<string, string>(SiloSettings) { ["AIOps__Dashboard__Path"] = dist };
        Silo = await SiloProcess.StartAsync(settings: settings, readyWithin: TimeSpan.FromMinutes(3));
        // Expectations wait up to 15 s (Playwright's default is 5): the tests share 2 cores with the silo and Chromium.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in a container has no user namespace sandbox; /dev/shm is small there.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });

        // One sign-in before the tests: the silo compiles its issuer, API and hub paths on first use (optimised, no
        // quick tier), which on a busy 2-core machine can take longer than a test's own waits.
        var warmUp = await SignInAsync("viewer", timeout: TimeSpan.FromMinutes(2));
        await warmUp.Context.CloseAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
    }

    /// <summary>
    /// Opens the dashboard in a fresh context and signs in as <paramref name="user"/> through the embedded issuer's
    /// login page (authorization code with PKCE), landing on <paramref name="path"/>.
    /// </summary>
    public async Task<IPage> SignInAsync(string user, string path = "/", TimeSpan? timeout = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Silo.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var wait = (float)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
        context.SetDefaultTimeout(wait);
        context.SetDefaultNavigationTimeout(Math.Max(wait, 60_000));
        var page = await context.NewPageAsync();
        // The page's console and uncaught errors go to artifacts/dashboard/console.log, for when a test fails.
        page.Console += (_, message) => Log($"{user} console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => Log($"{user} page error: {error}");
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveAttributeAsync("data-user", user, new() { Timeout = Math.Max(wait, 60_000) });
        await Assertions.Expect(page.GetByTestId("live-state")).ToHaveTextAsync("live", new() { Timeout = Math.Max(wait, 60_000) });
        return page;
    }

    private static readonly Lock ArtifactsGate = new();
    private static bool _artifactsReset;

    /// <summary>Once per test run: this run's figures and console only.</summary>
    private void ResetArtifacts()
    {
        lock (ArtifactsGate)
        {
            if (!_artifactsReset)
            {
                _artifactsReset = true;
                File.Delete(Path.Combine(Artifacts, "pageload.txt"));
                File.Delete(Path.Combine(Artifacts, "console.log"));
            }
        }
    }

    private void Log(string line)
    {
        lock (ArtifactsGate)
        {
            File.AppendAllText(Path.Combine(Artifacts, "console.log"), $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}{Environment.NewLine}");
        }
    }

    /// <summary>Saves a full-page screenshot as <c>artifacts/dashboard/&lt;name&gt;.png</c>.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var file = Path.Combine(Artifacts, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    /// <summary>The signed-in user's access token, as the page holds it (session storage), for calls made as that user.</summary>
    public static async Task<string> AccessTokenAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(
            "() => { const k = Object.keys(sessionStorage).find(k => k.startsWith('oidc.user:')); return k ? sessionStorage.getItem(k) : null; }");
        using var user = JsonDocument.Parse(json ?? throw new InvalidOperationException("The page holds no signed-in user."));
        return user.RootElement.GetProperty("access_token").GetString()!;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AIOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AIOps.sln above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
