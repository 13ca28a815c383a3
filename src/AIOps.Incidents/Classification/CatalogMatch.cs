using System.Collections.Immutable;

namespace AIOps.Incidents.Classification;

/// <summary>How well one known incident type matches an incident's evidence.</summary>
/// <param name="Type">The type id.</param>
/// <param name="Score">0..1: the matched patterns' weights combined as independent evidence.</param>
/// <param name="Matched">The patterns that matched, strongest first, as <c>kind value</c> (e.g. <c>alert KubeNodeNotReady</c>).</param>
/// <param name="Explanation">The match in a sentence a person can check.</param>
public sealed record CatalogMatch(string Type, double Score, ImmutableArray<string> Matched, string Explanation);
