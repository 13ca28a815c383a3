using System.Collections.Immutable;
using AIOps.Abstractions;

namespace AIOps.Incidents.Impact;

/// <summary>How bad an incident is, and why.</summary>
/// <param name="Severity">The assessed severity.</param>
/// <param name="Score">0..1; the thresholds of <see cref="SeverityAssessor"/> map it to <paramref name="Severity"/>.</param>
/// <param name="Reasons">Each contribution, in words.</param>
public sealed record SeverityAssessment(Severity Severity, double Score, ImmutableArray<string> Reasons);
