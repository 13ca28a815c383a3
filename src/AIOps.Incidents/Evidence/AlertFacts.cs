using System.Collections.Immutable;
using AIOps.Abstractions;

namespace AIOps.Incidents.Evidence;

/// <summary>One alert as the incident response agent sees it, whatever format it arrived in.</summary>
/// <param name="Source">The ingestion source, e.g. <c>alertmanager</c>, <c>cloudwatch</c>, <c>simulation</c>.</param>
/// <param name="Fingerprint">Stable identity of the alert within its source (the same for its firing and resolved notifications).</param>
/// <param name="Name">Alert name (<c>alertname</c>, CloudWatch <c>AlarmName</c>, PagerDuty summary).</param>
/// <param name="Labels">Labels (and annotations prefixed <c>annotation.</c>).</param>
/// <param name="Summary">One-line human summary.</param>
/// <param name="Severity">Severity the source gave.</param>
/// <param name="ResourceId">The managed resource it concerns, if known.</param>
/// <param name="ResourceKind">That resource's kind (e.g. <c>node</c>, <c>pod</c>), if known.</param>
/// <param name="StartsAt">When it started firing.</param>
/// <param name="EndsAt">When it resolved; null while firing.</param>
public sealed record AlertFacts(
    string Source,
    string Fingerprint,
    string Name,
    ImmutableDictionary<string, string> Labels,
    string Summary,
    Severity Severity,
    string? ResourceId,
    string? ResourceKind,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt);
