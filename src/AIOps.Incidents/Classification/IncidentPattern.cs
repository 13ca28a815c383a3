namespace AIOps.Incidents.Classification;

/// <summary>One piece of evidence that points at an incident type.</summary>
/// <param name="Kind">What it looks at.</param>
/// <param name="Value">What it looks for (see <see cref="PatternKind"/> for the syntax of each kind).</param>
/// <param name="Weight">How strongly a match alone points at the type, 0..1 (combined as independent evidence: 1 - Π(1 - w)).</param>
public sealed record IncidentPattern(PatternKind Kind, string Value, double Weight);
