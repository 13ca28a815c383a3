namespace AIOps.Abstractions.Incidents;

/// <summary>One alert of an incident.</summary>
/// <param name="Key">Its identity: <c>{source}/{fingerprint}</c>.</param>
/// <param name="Source">The ingestion source.</param>
/// <param name="Name">Alert name.</param>
/// <param name="ResourceId">The managed resource it concerns, if known.</param>
/// <param name="Severity">Severity the source gave.</param>
/// <param name="Summary">One-line summary.</param>
/// <param name="StartsAt">When it started firing.</param>
/// <param name="EndsAt">When it resolved; null while it fires.</param>
/// <param name="Reason">Why it belongs to the incident (first alert, same resource, topology path, labels, log templates).</param>
[GenerateSerializer, Immutable, Alias("aiops.model.incident-alert")]
public sealed record IncidentAlert(
    [property: Id(0)] string Key,
    [property: Id(1)] string Source,
    [property: Id(2)] string Name,
    [property: Id(3)] string? ResourceId,
    [property: Id(4)] Severity Severity,
    [property: Id(5)] string Summary,
    [property: Id(6)] DateTimeOffset StartsAt,
    [property: Id(7)] DateTimeOffset? EndsAt,
    [property: Id(8)] string Reason)
{
    /// <summary>True while it fires.</summary>
    public bool Firing => EndsAt is null;
}
