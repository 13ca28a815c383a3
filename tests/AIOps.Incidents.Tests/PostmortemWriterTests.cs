using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;
using AIOps.Incidents.Postmortem;

namespace AIOps.Incidents.Tests;

public sealed class PostmortemWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_postmortem_is_built_from_the_record_with_every_section()
    {
        var incident = new Incident("inc-1", "KubeNodeNotReady on ip-10-0-1-2", "Node is not Ready.", Severity.Critical, IncidentStatus.Resolved,
            ["node-a", "pod-1"], T0, T0.AddMinutes(7), ["all 2 alert(s) resolved"], true, 9, T0.AddMinutes(7))
        {
            Team = "platform",
            Alerts =
            [
                new IncidentAlert("am/1", "am", "KubeNodeNotReady", "node-a", Severity.Critical, "Node is not Ready.", T0, T0.AddMinutes(6), "first alert"),
                new IncidentAlert("am/2", "am", "TargetDown", "pod-1", Severity.High, "Target <b>down</b> [see](http://evil)", T0, T0.AddMinutes(6), "topology"),
            ],
            Classification = new IncidentClassification("node-failure", 0.93, "catalog+model", [], "KubeNodeNotReady on a node", "incident-type@2"),
            RootCauses = [new RootCauseCandidate("node-a", "node", 0.81, ["connected to all 2 alerting resources", "its own alert KubeNodeNotReady says it failed"])],
        };
        TimelineEntry[] timeline =
        [
            new(1, "opened", "agent:incident-response", "Opened (open, critical): KubeNodeNotReady on ip-10-0-1-2", T0),
            new(2, "noted", "agent:incident-response", "runbook: step 1 restart node-a: completed", T0.AddMinutes(3)),
            new(3, "resolved", "agent:incident-response", "Resolved automatically: all 2 alert(s) resolved", T0.AddMinutes(7)),
        ];

        var markdown = PostmortemWriter.Write(incident, timeline);

        foreach (var section in new[] { "# Postmortem: KubeNodeNotReady on ip-10-0-1-2", "## Summary", "## Impact", "## Timeline (UTC)", "## Root cause", "## Actions taken", "## Follow-ups" })
        {
            Assert.Contains(section, markdown, StringComparison.Ordinal);
        }

        Assert.Contains("node-failure (confidence 0.93, by catalog+model, model incident-type@2)", markdown, StringComparison.Ordinal);
        Assert.Contains("7 min 0 s after detection, without a person", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2026-11-26 12:03:00 | agent:incident-response | runbook: step 1 restart node-a: completed |", markdown, StringComparison.Ordinal);
        Assert.Contains("Most likely: node `node-a` (score 0.81)", markdown, StringComparison.Ordinal);
        Assert.Contains("- 12:03:00 runbook: step 1 restart node-a: completed", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("[see](", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("No runbook ran", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_unclassified_incident_asks_for_the_missing_follow_ups()
    {
        var incident = new Incident("inc-2", "HighLatency on cart", "", Severity.Medium, IncidentStatus.Open, [], T0, null, [], false, 1, T0);
        var markdown = PostmortemWriter.Write(incident, []);
        Assert.Contains("- **Resolved:** not yet", markdown, StringComparison.Ordinal);
        Assert.Contains("No root-cause candidate was found", markdown, StringComparison.Ordinal);
        Assert.Contains("add a pattern for it to the incident type catalog", markdown, StringComparison.Ordinal);
        Assert.Contains("still open", markdown, StringComparison.Ordinal);
    }
}
