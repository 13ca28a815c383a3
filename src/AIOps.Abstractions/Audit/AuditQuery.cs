namespace AIOps.Abstractions.Audit;

/// <summary>A search of the audit trail; every filter is optional, results come newest first.</summary>
/// <param name="From">Only entries at or after this time.</param>
/// <param name="To">Only entries before this time.</param>
/// <param name="Actor">Only entries by exactly this actor.</param>
/// <param name="ResourceId">Only entries about exactly this resource.</param>
/// <param name="Action">Only this action, or every action under it: <c>approval</c> matches <c>approval.granted</c> and <c>approval.rejected</c>.</param>
/// <param name="ActionId">Only entries about exactly this agent action.</param>
/// <param name="Offset">How many matching entries to skip.</param>
/// <param name="Limit">How many to return (1 to 500).</param>
[GenerateSerializer, Immutable, Alias("aiops.audit.query")]
public sealed record AuditQuery(
    [property: Id(0)] DateTimeOffset? From = null,
    [property: Id(1)] DateTimeOffset? To = null,
    [property: Id(2)] string? Actor = null,
    [property: Id(3)] string? ResourceId = null,
    [property: Id(4)] string? Action = null,
    [property: Id(5)] string? ActionId = null,
    [property: Id(6)] int Offset = 0,
    [property: Id(7)] int Limit = 50);
