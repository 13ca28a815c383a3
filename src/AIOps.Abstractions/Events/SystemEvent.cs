using System.Collections.Immutable;

namespace AIOps.Abstractions.Events;

/// <summary>Something that happened in the estate or the platform, carried on an Orleans stream.</summary>
/// <param name="Id">Unique event id; consumers de-duplicate on it because durable delivery is at least once.</param>
/// <param name="Type">Dotted event type, e.g. <c>resource.observed</c>, <c>alert.firing</c>.</param>
/// <param name="Source">Who produced it, e.g. <c>alertmanager</c>, <c>simulation</c>.</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Data">Event payload as flat key/value pairs.</param>
/// <param name="Timestamp">When it happened at the source.</param>
/// <param name="CorrelationId">Ties related events together (same alert group, same incident), if known.</param>
/// <param name="ResourceId">The managed resource it concerns, if any.</param>
[GenerateSerializer, Immutable, Alias("aiops.system-event")]
public sealed record SystemEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string Source,
    [property: Id(3)] Severity Severity,
    [property: Id(4)] ImmutableDictionary<string, string> Data,
    [property: Id(5)] DateTimeOffset Timestamp,
    [property: Id(6)] string? CorrelationId = null,
    [property: Id(7)] string? ResourceId = null);
