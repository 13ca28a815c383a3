using System.Collections.Immutable;

namespace AIOps.Incidents.Runbooks;

/// <summary>A declarative runbook: which incidents it fixes, the parameters it takes from them, and its steps.</summary>
/// <param name="Id">Identifier (lower-case letters, digits and dashes).</param>
/// <param name="Name">Human name.</param>
/// <param name="Description">What it does and when to use it.</param>
/// <param name="IncidentTypes">Incident types it is bound to (the scenario type names, e.g. <c>node-failure</c>).</param>
/// <param name="Match">Label matchers an incident must also satisfy (label → value, <c>a|b</c> for either).</param>
/// <param name="Parameters">Values taken from the incident or defaulted.</param>
/// <param name="Steps">What it does, in order.</param>
public sealed record Runbook(
    string Id,
    string Name,
    string Description,
    ImmutableArray<string> IncidentTypes,
    ImmutableDictionary<string, string> Match,
    ImmutableArray<RunbookParameter> Parameters,
    ImmutableArray<RunbookStep> Steps);
