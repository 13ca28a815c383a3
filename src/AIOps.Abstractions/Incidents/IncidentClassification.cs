using System.Collections.Immutable;

namespace AIOps.Abstractions.Incidents;

/// <summary>What kind of incident this is, and how sure the agent is.</summary>
/// <param name="Type">The incident type, e.g. <c>node-failure</c>; <c>unknown</c> when nothing matched.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Method"><c>catalog</c> (a known pattern matched), <c>model</c> (the ML.NET classifier) or <c>catalog+model</c> (both agreed).</param>
/// <param name="Alternatives">Other types with their scores, best first.</param>
/// <param name="Explanation">Why, in a sentence a person can check.</param>
/// <param name="ModelVersion">The classifier version that scored it, e.g. <c>incident-type@3</c>, if a model took part.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.incident-classification")]
public sealed record IncidentClassification(
    [property: Id(0)] string Type,
    [property: Id(1)] double Confidence,
    [property: Id(2)] string Method,
    [property: Id(3)] ImmutableArray<ClassScore> Alternatives,
    [property: Id(4)] string Explanation,
    [property: Id(5)] string? ModelVersion);

/// <summary>One candidate type and its score.</summary>
/// <param name="Type">The incident type.</param>
/// <param name="Score">0..1.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.class-score")]
public sealed record ClassScore([property: Id(0)] string Type, [property: Id(1)] double Score);
