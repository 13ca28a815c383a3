using System.Collections.Immutable;

namespace AIOps.Incidents.Classification;

/// <summary>A known kind of incident and the patterns that recognise it.</summary>
/// <param name="Id">Canonical type id (<c>node-failure</c>); runbooks bind to it.</param>
/// <param name="Title">Short human title.</param>
/// <param name="Description">What it is and what usually fixes it.</param>
/// <param name="Patterns">The evidence that points at it.</param>
public sealed record IncidentTypeDefinition(string Id, string Title, string Description, ImmutableArray<IncidentPattern> Patterns);
