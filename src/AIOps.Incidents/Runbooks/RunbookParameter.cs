namespace AIOps.Incidents.Runbooks;

/// <summary>A runbook parameter.</summary>
/// <param name="Name">Name used in templates (<c>{{ name }}</c>).</param>
/// <param name="From">Where the value comes from: <c>incident.resource(kind=node)</c>, <c>incident.resource(kind=a|b).property</c>, <c>incident.label.team</c>, <c>incident.id</c> or <c>incident.type</c>; null for the default only.</param>
/// <param name="Default">Literal used when <paramref name="From"/> finds nothing.</param>
/// <param name="Required">Whether the runbook cannot run without a value.</param>
public sealed record RunbookParameter(string Name, string? From, string? Default, bool Required);
