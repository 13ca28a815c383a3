using System.Globalization;
using System.Text;
using AIOps.Abstractions.Incidents;

namespace AIOps.Incidents.Postmortem;

/// <summary>
/// Writes a blameless postmortem (Markdown) from an incident and its journal: summary, impact, timeline, root cause,
/// actions taken and follow-ups. Everything in it comes from the record; nothing is invented.
/// </summary>
public static class PostmortemWriter
{
    /// <summary>The postmortem of <paramref name="incident"/> given its journal <paramref name="timeline"/> (oldest first).</summary>
    public static string Write(Incident incident, IReadOnlyList<TimelineEntry> timeline)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(timeline);
        var md = new StringBuilder();
        md.Append("# Postmortem: ").AppendLine(Escape(incident.Title)).AppendLine();
        md.AppendLine("## Summary").AppendLine();
        Row(md, "Incident", $"`{incident.Id}`");
        Row(md, "Status", incident.Status.ToString().ToLowerInvariant());
        Row(md, "Severity", incident.Severity.ToString().ToLowerInvariant() + (incident.SeverityReasons.IsDefaultOrEmpty ? "" : $" ({Escape(string.Join("; ", incident.SeverityReasons))})"));
        if (incident.Classification is { } type)
        {
            Row(md, "Type", string.Create(CultureInfo.InvariantCulture, $"{type.Type} (confidence {type.Confidence:0.00}, by {type.Method}{(type.ModelVersion is null ? "" : ", model " + type.ModelVersion)})"));
        }

        Row(md, "Team", incident.Team ?? "none");
        Row(md, "Detected", Time(incident.DetectedAt));
        if (incident.ResolvedAt is { } resolved)
        {
            Row(md, "Resolved", $"{Time(resolved)} ({Duration(resolved - incident.DetectedAt)} after detection{(incident.AutomatedResolution ? ", without a person" : "")})");
        }
        else
        {
            Row(md, "Resolved", "not yet");
        }

        if (!incident.LinkedIncidents.IsDefaultOrEmpty)
        {
            Row(md, "Recurrence of", string.Join(", ", incident.LinkedIncidents.Select(l => $"`{l}`")));
        }

        md.AppendLine();
        if (!string.IsNullOrWhiteSpace(incident.Description))
        {
            md.AppendLine(Escape(incident.Description)).AppendLine();
        }

        WriteImpact(md, incident);
        WriteTimeline(md, timeline);
        WriteRootCause(md, incident);
        WriteActions(md, incident, timeline);
        WriteFollowUps(md, incident, timeline);
        return md.ToString();
    }

    private static void WriteImpact(StringBuilder md, Incident incident)
    {
        md.AppendLine("## Impact").AppendLine();
        var alerts = incident.Alerts.IsDefault ? [] : incident.Alerts;
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{incident.AffectedResources.Length} resource(s) affected; {alerts.Length} alert(s) from {alerts.Select(a => a.Source).Distinct(StringComparer.Ordinal).Count()} source(s), {alerts.Count(a => a.Firing)} still firing.")).AppendLine();
        foreach (var resource in incident.AffectedResources.Take(50))
        {
            var on = alerts.Where(a => a.ResourceId == resource).Select(a => a.Name).Distinct(StringComparer.Ordinal).ToList();
            md.Append("- `").Append(resource).Append('`').AppendLine(on.Count == 0 ? "" : ": " + Escape(string.Join(", ", on)));
        }

        if (incident.AffectedResources.Length > 50)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- and {incident.AffectedResources.Length - 50} more");
        }

        md.AppendLine();
    }

    private static void WriteTimeline(StringBuilder md, IReadOnlyList<TimelineEntry> timeline)
    {
        md.AppendLine("## Timeline (UTC)").AppendLine();
        md.AppendLine("| Time | Who | What |").AppendLine("|---|---|---|");
        foreach (var entry in timeline)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {entry.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} | {Cell(entry.Actor)} | {Cell(entry.Summary)} |");
        }

        md.AppendLine();
    }

    private static void WriteRootCause(StringBuilder md, Incident incident)
    {
        md.AppendLine("## Root cause").AppendLine();
        if (incident.RootCauses.IsDefaultOrEmpty)
        {
            md.AppendLine("No root-cause candidate was found: the alerts named no managed resource.").AppendLine();
            return;
        }

        var top = incident.RootCauses[0];
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Most likely: {top.Kind ?? "resource"} `{top.ResourceId}` (score {top.Score:0.00}). Evidence:")).AppendLine();
        foreach (var evidence in top.Evidence)
        {
            md.Append("- ").AppendLine(Escape(evidence));
        }

        if (incident.RootCauses.Length > 1)
        {
            md.AppendLine().AppendLine("Other candidates:").AppendLine();
            foreach (var other in incident.RootCauses.Skip(1))
            {
                md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- {other.Kind ?? "resource"} `{other.ResourceId}` ({other.Score:0.00}): {Escape(string.Join("; ", other.Evidence))}"));
            }
        }

        md.AppendLine();
    }

    private static void WriteActions(StringBuilder md, Incident incident, IReadOnlyList<TimelineEntry> timeline)
    {
        md.AppendLine("## Actions taken").AppendLine();
        var actions = timeline.Where(e => e.Summary.StartsWith("runbook", StringComparison.OrdinalIgnoreCase) || e.Summary.StartsWith("action", StringComparison.OrdinalIgnoreCase)).ToList();
        var steps = incident.ResolutionSteps.IsDefault ? [] : incident.ResolutionSteps;
        if (actions.Count == 0 && steps.IsEmpty)
        {
            md.AppendLine("None recorded.").AppendLine();
            return;
        }

        foreach (var action in actions)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {action.At.UtcDateTime:HH:mm:ss} {Escape(action.Summary)} ({Escape(action.Actor)})");
        }

        foreach (var step in steps)
        {
            md.Append("- Resolution: ").AppendLine(Escape(step));
        }

        md.AppendLine();
    }

    private static void WriteFollowUps(StringBuilder md, Incident incident, IReadOnlyList<TimelineEntry> timeline)
    {
        md.AppendLine("## Follow-ups").AppendLine();
        var items = new List<string>();
        if (!incident.RootCauses.IsDefaultOrEmpty)
        {
            var top = incident.RootCauses[0];
            var change = top.Evidence.FirstOrDefault(e => e.StartsWith("changed", StringComparison.Ordinal));
            items.Add(change is null
                ? $"Confirm the root cause on `{top.ResourceId}` and record what made it fail."
                : $"Review the change on `{top.ResourceId}` ({change}) and how it reached production unchecked.");
        }

        if (!timeline.Any(e => e.Summary.StartsWith("runbook", StringComparison.OrdinalIgnoreCase)))
        {
            items.Add(incident.Classification is { Type: not "unknown" } c
                ? $"No runbook ran: write or bind one for incident type `{c.Type}` so the next one is fixed automatically."
                : "The incident was not classified: add a pattern for it to the incident type catalog.");
        }

        if (timeline.Any(e => e.Type == "noted" && e.Summary.StartsWith("flapping", StringComparison.Ordinal)))
        {
            items.Add("An alert flapped during the incident: review its threshold and `for` duration.");
        }

        if (incident.Alerts.Length > 10)
        {
            items.Add($"{incident.Alerts.Length} alerts fired for one fault: consider inhibiting the symptoms once the cause alerts.");
        }

        if (incident.ResolvedAt is null)
        {
            items.Add("The incident is still open: finish this postmortem once it is resolved.");
        }

        foreach (var item in items)
        {
            md.Append("- [ ] ").AppendLine(Escape(item));
        }

        md.AppendLine();
    }

    private static void Row(StringBuilder md, string name, string value) => md.Append("- **").Append(name).Append(":** ").AppendLine(value);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalMinutes)} min {span.Seconds} s");

    private static string Cell(string text) => Escape(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    // Text from alerts is untrusted: keep it from turning into Markdown links, images or HTML in a rendered page.
    private static string Escape(string text) => text
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("[", "\\[", StringComparison.Ordinal)
        .Replace("]", "\\]", StringComparison.Ordinal);
}
