using System.Collections.Immutable;

namespace AIOps.Silo.Ingestion;

/// <summary>Ingestion counts of one source (or of all, <see cref="IngestionCountersStats.Overall"/>), summed over the cluster.</summary>
/// <param name="Source">The source, or <c>*</c> for the overall sums.</param>
/// <param name="Notifications">Accepted alert notifications.</param>
/// <param name="UniqueAlerts">Distinct alerts (source and fingerprint) among them.</param>
/// <param name="Firing">Notifications that started an alert firing (new, or again after resolution).</param>
/// <param name="Resolved">Notifications that resolved a firing alert.</param>
/// <param name="Repeats">Notifications that changed nothing (repeats and redeliveries).</param>
/// <param name="Rejected">Rejected requests.</param>
/// <param name="RejectedByReason">Rejected requests by reason: unauthenticated, forbidden, malformed, oversized, over-limit.</param>
public sealed record IngestionCountersSourceStats(
    string Source,
    long Notifications,
    long UniqueAlerts,
    long Firing,
    long Resolved,
    long Repeats,
    long Rejected,
    ImmutableSortedDictionary<string, long> RejectedByReason);
