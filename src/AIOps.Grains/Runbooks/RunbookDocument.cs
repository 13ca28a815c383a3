namespace AIOps.Grains.Runbooks;

/// <summary>A runbook as the catalog keeps it.</summary>
/// <param name="Id">Runbook id.</param>
/// <param name="Yaml">Its YAML document.</param>
/// <param name="BuiltIn">True when the platform ships a runbook with this id.</param>
/// <param name="Overridden">True when a user's version replaces the built-in one.</param>
/// <param name="UpdatedAt">When a user last stored it; null for an untouched built-in.</param>
/// <param name="UpdatedBy">Who stored it.</param>
[GenerateSerializer, Immutable, Alias("aiops.runbook-document")]
public sealed record RunbookDocument(
    [property: Id(0)] string Id,
    [property: Id(1)] string Yaml,
    [property: Id(2)] bool BuiltIn,
    [property: Id(3)] bool Overridden,
    [property: Id(4)] DateTimeOffset? UpdatedAt,
    [property: Id(5)] string? UpdatedBy);
