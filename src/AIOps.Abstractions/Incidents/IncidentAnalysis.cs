using System.Collections.Immutable;

namespace AIOps.Abstractions.Incidents;

/// <summary>What the incident response agent concluded about an incident: its type, severity and likely root causes.</summary>
/// <param name="Title">A better title, if the analysis has one (e.g. naming the root cause); null keeps the current one.</param>
/// <param name="Classification">Its type, if classified.</param>
/// <param name="Severity">Severity assessed from impact, if assessed.</param>
/// <param name="SeverityReasons">Why that severity.</param>
/// <param name="RootCauses">Ranked root-cause candidates with evidence.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.incident-analysis")]
public sealed record IncidentAnalysis(
    [property: Id(0)] string? Title,
    [property: Id(1)] IncidentClassification? Classification,
    [property: Id(2)] Severity? Severity,
    [property: Id(3)] ImmutableArray<string> SeverityReasons,
    [property: Id(4)] ImmutableArray<RootCauseCandidate> RootCauses);
