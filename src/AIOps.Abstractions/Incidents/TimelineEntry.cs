namespace AIOps.Abstractions.Incidents;

/// <summary>One journal event of an incident or action, as people read it.</summary>
/// <param name="Version">Position in the journal, from 1.</param>
/// <param name="Type">Event type, e.g. <c>opened</c>, <c>status-changed</c>.</param>
/// <param name="Actor">Who caused it.</param>
/// <param name="Summary">What happened, in one sentence.</param>
/// <param name="At">When it was recorded.</param>
[GenerateSerializer, Immutable, Alias("aiops.timeline-entry")]
public sealed record TimelineEntry(
    [property: Id(0)] int Version,
    [property: Id(1)] string Type,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Summary,
    [property: Id(4)] DateTimeOffset At);
