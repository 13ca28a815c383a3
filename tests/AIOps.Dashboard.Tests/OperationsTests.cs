using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AIOps.Dashboard.Tests;

/// <summary>The console's working views against the real silo: live incidents, approvals with four eyes, agent configuration, roles.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OperationsTests(DashboardFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task AFaultScenarioOpensAnIncidentWhoseTimelineGrowsWithoutReloading()
    {
        using var admin = fixture.Silo.As("admin");
        // Semi-auto: the incident agent runs the bound runbook itself, so the timeline keeps growing after the alerts.
        await ConfigureAsync(admin, "incident-response", "Incident Response", "incident-response", "semi-auto", """{"correlation.windowSeconds":300}""");
        var page = await fixture.SignInAsync("operator", "/incidents");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "incident list" })).ToBeVisibleAsync();
        await MarkDocumentAsync(page);

        var node = await LastNodeAsync(admin, offset: 0);
        using var started = await fixture.Silo.As("operator").PostAsync("/api/simulation/scenarios", Json($$"""{"type":"node-failure","targetId":"{{node}}"}"""));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        // The incident appears in the open list as the feed pushes it: nobody reloads.
        var incidentId = await WaitForIncidentAsync(admin, node);
        var row = page.GetByTestId($"incident-row-{incidentId}");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 60_000 });
        output.WriteLine(await fixture.ScreenshotAsync(page, "incidents"));

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("incident-detail")).ToBeVisibleAsync();
        var entries = page.GetByTestId("timeline-entry");
        await Expect(entries.First).ToBeVisibleAsync();
        var before = await entries.CountAsync();

        // Acknowledging is an operator's; the timeline records it, then the agent's runbook adds more, all live.
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page.GetByTestId("incident-detail")).ToContainTextAsync("investigating");
        await Expect(page.GetByText("runbook execution started").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var after = await entries.CountAsync();
        Assert.True(after > before + 1, $"the timeline grew from {before} to {after} entries");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "classification" })).ToContainTextAsync("node-failure", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("root-cause").First).ToBeVisibleAsync();
        await AssertNotReloadedAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        await Expect(page.GetByTestId("postmortem")).ToContainTextAsync("node-failure");
        output.WriteLine(await fixture.ScreenshotAsync(page, "incident-detail"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnApproverApprovesAnActionASecondUserRequestedAndFourEyesShowsInTheInbox()
    {
        using var admin = fixture.Silo.As("admin");
        var node = await LastNodeAsync(admin, offset: 1);

        // The operator asks for a risky change (as themselves, with their own token from the signed-in page).
        var operatorPage = await fixture.SignInAsync("operator", "/approvals");
        var (requested, reasons) = await SubmitAsAsync(operatorPage, node, "Cordon and drain " + node.Split('/').Last(), "e2e-drain-" + Guid.NewGuid().ToString("N"));
        var card = operatorPage.GetByTestId($"approval-{requested}");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByTestId("cannot-decide")).ToHaveTextAsync("deciding needs the approver role");

        // An approver who asked for something cannot decide it either: four eyes, from the server's rules.
        var approverPage = await fixture.SignInAsync("approver", "/approvals");
        var (own, _) = await SubmitAsAsync(approverPage, await LastNodeAsync(admin, offset: 2), "Restart kubelet", "e2e-own-" + Guid.NewGuid().ToString("N"));
        var ownCard = approverPage.GetByTestId($"approval-{own}");
        await Expect(ownCard).ToBeVisibleAsync();
        await Expect(ownCard.GetByTestId("cannot-decide")).ToContainTextAsync("four eyes");
        await Expect(ownCard.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);

        // The operator's request is the approver's to decide: risk, blast radius and the policy's reasons are shown.
        var theirs = approverPage.GetByTestId($"approval-{requested}");
        await Expect(theirs.GetByTestId("risk")).ToHaveTextAsync("risk high");
        await Expect(theirs.GetByTestId("blast-radius")).ToContainTextAsync("blast radius");
        Assert.NotEmpty(reasons);
        foreach (var reason in reasons)
        {
            await Expect(theirs.GetByTestId("policy-reasons")).ToContainTextAsync(reason);
        }
        output.WriteLine(await fixture.ScreenshotAsync(approverPage, "approvals"));

        // A decision needs a comment: the server's problem is shown and nothing changes.
        await theirs.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        var dialog = approverPage.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(dialog.GetByTestId("problem")).ToContainTextAsync("comment");
        await dialog.GetByLabel("Comment (required)").FillAsync("drain agreed with the platform team");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(theirs).ToHaveCountAsync(0);

        var approval = await admin.GetFromJsonAsync<JsonElement>($"/api/actions/{requested}/approval");
        Assert.Equal("approved", approval.GetProperty("status").GetString());
        Assert.Equal("approver", approval.GetProperty("decidedBy").GetString());
        Assert.Equal("operator", approval.GetProperty("requestedBy").GetString());
        // The operator's inbox loses it live, without a reload.
        await Expect(card).ToHaveCountAsync(0);
        await operatorPage.Context.CloseAsync();
        await approverPage.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdminChangesAnAgentsAutomationLevelAndSeesItInTheHistory()
    {
        var page = await fixture.SignInAsync("admin", "/agents/kubernetes");
        var form = page.GetByTestId("agent-config");
        await Expect(form).ToContainTextAsync("Kubernetes configuration");
        var versions = page.GetByTestId("config-version");
        await Expect(versions.First).ToBeVisibleAsync();
        var before = await versions.CountAsync();

        // The server's validation comes back into the form: a threshold that is not a number is named, nothing is stored.
        var threshold = page.GetByLabel("cpu.target value");
        await threshold.FillAsync("seventy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(form.GetByTestId("problem")).ToContainTextAsync("cpu.target");
        await Expect(versions).ToHaveCountAsync(before);
        await page.GetByRole(AriaRole.Button, new() { Name = "Discard changes" }).ClickAsync();

        await page.GetByLabel("Automation level").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "semi-auto" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(versions).ToHaveCountAsync(before + 1);
        var newest = page.GetByTestId("config-history").GetByText("automationLevel", new() { Exact = false }).First;
        await Expect(newest).ToBeVisibleAsync();
        await Expect(page.GetByTestId("config-history")).ToContainTextAsync("admin");
        output.WriteLine(await fixture.ScreenshotAsync(page, "agent-configuration"));

        using var admin = fixture.Silo.As("admin");
        var config = await admin.GetFromJsonAsync<JsonElement>("/api/agents/kubernetes/config");
        Assert.Equal("semi-auto", config.GetProperty("automationLevel").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AViewerSeesEverythingButNoActionButtons()
    {
        using var admin = fixture.Silo.As("admin");
        // Something to look at: an incident and a pending action.
        using var opened = await admin.PostAsync("/api/incidents", Json("""{"title":"Checkout latency","description":"p99 above 2 s","severity":"high","affectedResources":[]}"""));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var incidentId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var node = await LastNodeAsync(admin, offset: 3);
        using var submitted = await admin.PostAsync("/api/actions", Json(ActionBody(node, "Reboot node", "e2e-viewer-" + Guid.NewGuid().ToString("N"))));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var page = await fixture.SignInAsync("viewer", $"/incidents/{incidentId}");
        await Expect(page.GetByTestId("incident-detail")).ToContainTextAsync("Checkout latency");
        await ExpectNoButtonsAsync(page, "Acknowledge", "Resolve", "Add note");

        await page.GetByRole(AriaRole.Link, new() { Name = "Approvals" }).ClickAsync();
        await Expect(page.GetByTestId("cannot-decide").First).ToHaveTextAsync("deciding needs the approver role");
        await ExpectNoButtonsAsync(page, "Approve", "Reject");

        await page.GetByRole(AriaRole.Link, new() { Name = "Agents" }).ClickAsync();
        await Expect(page.GetByTestId("agent-config")).ToContainTextAsync("Read only");
        await ExpectNoButtonsAsync(page, "Save", "Discard changes", "Add threshold");
        await Expect(page.GetByLabel("Automation level")).ToBeDisabledAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CostAndAuditViewsShowTheEstatesSpendAndAVerifiedTrail()
    {
        var page = await fixture.SignInAsync("admin", "/cost");
        await Expect(page.GetByTestId("cost-per-month")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\$[\\d,.]+$"));
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "by provider" })).ToContainTextAsync("aws");
        // The run-rate is recorded from the start; the first snapshot comes within seconds of it.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await page.GetByTestId("trend-chart").CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no cost snapshot within 90 s of the silo starting");
            await Task.Delay(3000);
            await page.ReloadAsync();
            await Expect(page.GetByTestId("cost-per-month")).ToBeVisibleAsync();
        }

        // A machine terminated without its volume: the volume is recommended for deletion, with what it costs.
        using var admin = fixture.Silo.As("admin");
        var volume = await OrphanAVolumeAsync(admin);
        var recommendations = page.GetByRole(AriaRole.Region, new() { Name = "recommendations" });
        // The inventory picks the detached volume up within seconds; the view reads recommendations when opened.
        deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "the orphaned volume was not recommended within 60 s");
            await page.ReloadAsync();
            await Expect(recommendations.GetByTestId("recommended-savings")).ToBeVisibleAsync();
        }
        while (!(await recommendations.GetByTestId("recommended-savings").TextContentAsync())!.Contains("would save", StringComparison.Ordinal));

        await Expect(recommendations).ToContainTextAsync(volume.Split('/').Last().Split(':').Last());
        output.WriteLine(await fixture.ScreenshotAsync(page, "cost"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Expect(page.GetByTestId("chain-status")).ToContainTextAsync("Intact");
        await Expect(page.GetByTestId("audit-entry").First).ToBeVisibleAsync();
        await page.GetByLabel("Actor").FillAsync("system:defaults");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByTestId("audit-entry").First).ToContainTextAsync("system:defaults");
        output.WriteLine(await fixture.ScreenshotAsync(page, "audit"));
        await page.Context.CloseAsync();
    }

    /// <summary>Terminates an EC2 instance that has a volume, leaving the volume behind; returns the volume's id.</summary>
    private static async Task<string> OrphanAVolumeAsync(HttpClient http)
    {
        foreach (var machine in (await http.GetFromJsonAsync<JsonElement>("/api/resources?kind=ec2-instance&limit=100")).GetProperty("items").EnumerateArray().Reverse())
        {
            using var started = await http.PostAsync("/api/simulation/scenarios", Json($$"""{"type":"orphaned-volume","targetId":"{{machine.GetProperty("id").GetString()}}"}"""));
            if (started.StatusCode == HttpStatusCode.Created)
            {
                var scenario = await started.Content.ReadFromJsonAsync<JsonElement>();
                return scenario.GetProperty("groundTruth").GetProperty("affectedIds").EnumerateArray().Select(a => a.GetString()!).First(a => a.Contains(":ebs:", StringComparison.Ordinal));
            }
        }

        throw new InvalidOperationException("No EC2 instance with a volume to orphan.");
    }

    private static async Task ExpectNoButtonsAsync(IPage page, params string[] names)
    {
        foreach (var name in names)
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
        }
    }

    /// <summary>Submits an action as the page's signed-in user (their token, their name as requester); returns its id.</summary>
    private static async Task<(string Id, string[] Reasons)> SubmitAsAsync(IPage page, string node, string description, string key)
    {
        var token = await DashboardFixture.AccessTokenAsync(page);
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async ([token, body]) => {
              const r = await fetch("/api/actions", { method: "POST", headers: { "Authorization": `Bearer ${token}`, "Content-Type": "application/json" }, body });
              return { status: r.status, body: await r.json() };
            }
            """,
            new object[] { token, ActionBody(node, description, key) });
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        var submission = result.GetProperty("body");
        Assert.Equal("needs-approval", submission.GetProperty("decision").GetProperty("verdict").GetString());
        return (submission.GetProperty("action").GetProperty("id").GetString()!,
            submission.GetProperty("decision").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    private static string ActionBody(string node, string description, string key) => JsonSerializer.Serialize(new
    {
        agentId = "kubernetes",
        type = "drain-node",
        description,
        targetResources = new[] { node },
        riskLevel = "high",
        estimatedImpact = "pods on the node are rescheduled",
        idempotencyKey = key,
        rationale = new[] { "node reports memory pressure" },
        parameters = new Dictionary<string, string>(),
    });

    private static async Task ConfigureAsync(HttpClient http, string id, string name, string type, string level, string thresholds)
    {
        using var response = await http.PostAsync("/api/agents/config", Json(
            $$"""{"id":"{{id}}","name":"{{name}}","type":"{{type}}","enabled":true,"automationLevel":"{{level}}","thresholds":{{thresholds}},"approvalRequired":true,"integrations":[]}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A node of the simulated estate, counted from the end so tests do not share one.</summary>
    private static async Task<string> LastNodeAsync(HttpClient http, int offset)
    {
        var nodes = await http.GetFromJsonAsync<JsonElement>("/api/resources?kind=node&limit=200");
        var items = nodes.GetProperty("items").EnumerateArray().ToArray();
        return items[^(offset + 1)].GetProperty("id").GetString()!;
    }

    private static async Task<string> WaitForIncidentAsync(HttpClient http, string node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var page = await http.GetFromJsonAsync<JsonElement>("/api/incidents?status=open&limit=200");
            foreach (var id in page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()))
            {
                var incident = await http.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
                if (incident.GetProperty("affectedResources").EnumerateArray().Any(r => r.GetString() == node))
                {
                    return id!;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"No incident for {node} within 90 s.");
    }

    /// <summary>Marks the loaded document; a reload or a full navigation would lose the mark.</summary>
    private static Task MarkDocumentAsync(IPage page) => page.EvaluateAsync("() => { window.__e2eDocument = 'kept'; }");

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.Equal("kept", await page.EvaluateAsync<string?>("() => window.__e2eDocument ?? null"));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
