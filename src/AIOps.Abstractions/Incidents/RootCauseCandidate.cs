using System.Collections.Immutable;

namespace AIOps.Abstractions.Incidents;

/// <summary>A resource that may be the root cause of an incident, with the evidence for it.</summary>
/// <param name="ResourceId">The resource.</param>
/// <param name="Kind">Its kind, if known.</param>
/// <param name="Score">0..1; candidates are ranked by it.</param>
/// <param name="Evidence">Why, one finding per line (topology, timing, changes, its own alerts, metrics).</param>
[GenerateSerializer, Immutable, Alias("aiops.model.root-cause-candidate")]
public sealed record RootCauseCandidate(
    [property: Id(0)] string ResourceId,
    [property: Id(1)] string? Kind,
    [property: Id(2)] double Score,
    [property: Id(3)] ImmutableArray<string> Evidence);
