namespace AIOps.Abstractions.Audit;

/// <summary>One page of an audit search.</summary>
/// <param name="Items">The entries on this page, newest first.</param>
/// <param name="Total">How many entries match the filters in all.</param>
/// <param name="Offset">Offset of the first item.</param>
/// <param name="Limit">Page size asked for.</param>
[GenerateSerializer, Immutable, Alias("aiops.audit.page")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditEntry> Items,
    [property: Id(1)] long Total,
    [property: Id(2)] int Offset,
    [property: Id(3)] int Limit);
