namespace AIOps.Abstractions.Audit;

/// <summary>
/// A (sequence, hash) pair kept outside the database, e.g. from an earlier verification or compliance report.
/// Verifying against it proves that the chain up to that entry was neither rewritten nor cut short since.
/// </summary>
/// <param name="Sequence">Sequence number of the remembered entry.</param>
/// <param name="Hash">Its hash, as it was then.</param>
[GenerateSerializer, Immutable, Alias("aiops.audit.anchor")]
public sealed record AuditAnchor(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Hash);
