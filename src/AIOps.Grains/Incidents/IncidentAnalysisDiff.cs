using System.Globalization;
using AIOps.Abstractions.Incidents;

namespace AIOps.Grains.Incidents;

/// <summary>Whether a new analysis says anything the incident does not know yet, and how it reads on the timeline.</summary>
public static class IncidentAnalysisDiff
{
    /// <summary>True when recording <paramref name="analysis"/> would change nothing a person would notice.</summary>
    public static bool SameAs(IncidentState state, IncidentAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(analysis);
        var title = string.IsNullOrWhiteSpace(analysis.Title) || analysis.Title == state.Title;
        var classification = analysis.Classification is null
            || state.Classification is { } c && c.Type == analysis.Classification.Type && Math.Abs(c.Confidence - analysis.Classification.Confidence) < 0.05;
        var severity = analysis.Severity is null || analysis.Severity == state.Severity;
        var causes = analysis.RootCauses.IsDefault
            || Top(state.RootCauses).SequenceEqual(Top(analysis.RootCauses), StringComparer.Ordinal);
        return title && classification && severity && causes;
    }

    /// <summary>One line for the timeline.</summary>
    public static string Describe(IncidentAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var parts = new List<string>();
        if (analysis.Classification is { } c)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"classified as {c.Type} ({c.Confidence:0.00}, {c.Method})"));
        }

        if (analysis.Severity is { } s)
        {
            parts.Add($"severity {s.ToString().ToLowerInvariant()}" + (analysis.SeverityReasons.IsDefaultOrEmpty ? "" : $" ({string.Join("; ", analysis.SeverityReasons)})"));
        }

        if (!analysis.RootCauses.IsDefaultOrEmpty)
        {
            var top = analysis.RootCauses[0];
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"likely root cause {top.ResourceId} ({top.Score:0.00})"));
        }

        return parts.Count == 0 ? "Analysed" : "Analysis: " + string.Join("; ", parts);
    }

    private static IEnumerable<string> Top(System.Collections.Immutable.ImmutableArray<RootCauseCandidate> causes) =>
        causes.IsDefault ? [] : causes.Take(3).Select(c => c.ResourceId);
}
