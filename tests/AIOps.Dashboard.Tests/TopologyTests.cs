using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AIOps.Dashboard.Tests;

/// <summary>A silo whose simulated estate has about 5,000 resources, for the map at scale.</summary>
public sealed class LargeEstateFixture : DashboardFixture
{
    protected override IReadOnlyDictionary<string, string> SiloSettings { get; } = new Dictionary<string, string>
    {
        ["Simulation__ResourceCount"] = "5150",
    };
}

/// <summary>The topology map over an estate of about 5,000 resources: load time, filters, selection, live health.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class TopologyTests(LargeEstateFixture fixture, ITestOutputHelper output) : IClassFixture<LargeEstateFixture>
{
    [Fact]
    public async Task TheMapOfFiveThousandResourcesLoadsFiltersSelectsAndFollowsHealthLive()
    {
        using var admin = fixture.Silo.As("admin");
        var total = (await admin.GetFromJsonAsync<JsonElement>("/api/topology?limit=1")).GetProperty("total").GetInt32();
        Assert.True(total >= 5000, $"the estate has {total} resources");

        var page = await fixture.SignInAsync("operator", "/topology");
        var count = page.GetByTestId("resource-count");
        await Expect(count).ToContainTextAsync($"{total:N0} of {total:N0} resources", new() { Timeout = 60_000 });
        var samples = new List<double> { await SignInTests.ReadyAtAsync(page, "topology") };
        for (var i = 0; i < 4; i++)
        {
            await page.ReloadAsync();
            samples.Add(await SignInTests.ReadyAtAsync(page, "topology"));
        }

        output.WriteLine(PageLoadFigures.Record(fixture, "topology", samples, $"{total} resources in 10 pages of 500 with their dependencies, laid out and drawn"));
        var canvas = page.GetByTestId("topology-canvas");
        await Expect(canvas).ToHaveAttributeAsync("data-cells", new Regex("^[1-9]\\d*$"));

        // Filters narrow the map at once (no reading again).
        await page.GetByRole(AriaRole.Combobox, new() { Name = "provider" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "k8s", Exact = true }).ClickAsync();
        await Expect(count).Not.ToContainTextAsync($"{total:N0} of");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "provider" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "all", Exact = true }).ClickAsync();
        await Expect(count).ToContainTextAsync($"{total:N0} of {total:N0} resources");

        // A node fails: its incident and the map's health follow, live.
        var node = (await admin.GetFromJsonAsync<JsonElement>("/api/resources?kind=node&limit=500")).GetProperty("items").EnumerateArray().Last();
        var nodeId = node.GetProperty("id").GetString()!;
        var nodeName = node.GetProperty("name").GetString()!;
        var unhealthy = page.GetByTestId("health-unhealthy");
        var before = await unhealthy.TextContentAsync();
        using var started = await fixture.Silo.As("operator").PostAsync("/api/simulation/scenarios",
            new StringContent($$"""{"type":"node-failure","targetId":"{{nodeId}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        await Expect(unhealthy).Not.ToHaveTextAsync(before!, new() { Timeout = 60_000 });

        // Found by name, it is brought into view and its details, metrics and incident are shown.
        var search = page.GetByLabel("find a resource");
        await search.FillAsync(nodeName);
        await page.GetByRole(AriaRole.Option).First.ClickAsync();
        var panel = page.GetByTestId("resource-panel");
        await Expect(panel).ToContainTextAsync(nodeId);
        await Expect(panel.GetByTestId("chart-cpu")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(panel.GetByTestId("related-incidents")).ToContainTextAsync("Node failure", new() { Timeout = 60_000 });
        output.WriteLine(await fixture.ScreenshotAsync(page, "topology"));

        // The selected cell sits at the canvas's centre: clicking there selects it again (the map's hit test).
        await panel.GetByRole(AriaRole.Button, new() { Name = "close details" }).ClickAsync();
        await Expect(panel).ToHaveCountAsync(0);
        var box = (await canvas.BoundingBoxAsync())!;
        await canvas.ClickAsync(new() { Position = new Position { X = box.Width / 2, Y = box.Height / 2 } });
        await Expect(page.GetByTestId("resource-panel")).ToContainTextAsync(nodeId);
        await page.Context.CloseAsync();
    }
}
