using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AIOps.Dashboard.Tests;

/// <summary>Signing in through the embedded issuer, the overview, and how long it takes to become interactive.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task SigningInThroughTheEmbeddedIssuerOpensTheLiveOverview()
    {
        var page = await fixture.SignInAsync("admin");

        // Back from the issuer on the dashboard's own origin, with the user's roles from the identity token.
        Assert.Equal(fixture.Silo.BaseAddress.ToString(), page.Url);
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Development admin");
        var agents = page.GetByRole(AriaRole.Table, new() { Name = "agents" });
        await Expect(agents.GetByRole(AriaRole.Row)).ToHaveCountAsync(5);
        await Expect(agents).ToContainTextAsync("Incident Response");
        await Expect(page.GetByTestId("noise-reduction")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("pending-approvals")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\d+$"));
        output.WriteLine(await fixture.ScreenshotAsync(page, "overview"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ADeepLinkSurvivesSigningIn()
    {
        var page = await fixture.SignInAsync("viewer", "/agents/terraform");
        Assert.EndsWith("/agents/terraform", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("agent-config")).ToContainTextAsync("Terraform configuration");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WrongPasswordsAreRefusedOnTheLoginPage()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Silo.BaseAddress.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Unknown user or wrong password.");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await context.CloseAsync();
    }

    /// <summary>
    /// Time to interactive of the overview: from navigation start to the view's first render with its data (the
    /// "aiops:ready:overview" mark), over several loads of a signed-in page; printed and saved with the run.
    /// </summary>
    [Fact]
    public async Task OverviewTimeToInteractiveIsMeasured()
    {
        var page = await fixture.SignInAsync("viewer");
        var samples = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            await page.ReloadAsync();
            samples.Add(await ReadyAtAsync(page, "overview"));
        }

        var figure = PageLoadFigures.Record(fixture, "overview", samples, "4 agents, live feed connected, open incidents, approvals and noise reduction read");
        output.WriteLine(figure);
        Assert.All(samples, s => Assert.InRange(s, 1, 60_000));
        await page.Context.CloseAsync();
    }

    /// <summary>Milliseconds from navigation start to the view's ready mark.</summary>
    internal static async Task<double> ReadyAtAsync(IPage page, string view)
    {
        await page.WaitForFunctionAsync($"() => performance.getEntriesByName('aiops:ready:{view}').length > 0", null, new() { Timeout = 60_000 });
        return await page.EvaluateAsync<double>($"() => performance.getEntriesByName('aiops:ready:{view}')[0].startTime");
    }
}

/// <summary>Page-load figures: printed by the test and appended to <c>artifacts/dashboard/pageload.txt</c>.</summary>
internal static class PageLoadFigures
{
    private static readonly Lock Gate = new();

    public static string Record(DashboardFixture fixture, string view, IReadOnlyList<double> samples, string what)
    {
        var sorted = samples.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"PAGELOAD view={view} tti_median_ms={median:F0} tti_min_ms={sorted[0]:F0} tti_max_ms={sorted[^1]:F0} loads={samples.Count} ({what})");
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(fixture.Artifacts, "pageload.txt"), line + Environment.NewLine);
        }

        return line;
    }
}
