namespace AIOps.Grains.Runbooks;

/// <summary>State of <see cref="RunbookCatalogGrain"/>: the users' runbooks (built-ins come from the assembly).</summary>
[GenerateSerializer, Alias("aiops.runbook-catalog-state")]
public sealed class RunbookCatalogState
{
    /// <summary>Users' runbooks by id.</summary>
    [Id(0)] public Dictionary<string, RunbookDocument> Custom { get; set; } = new(StringComparer.Ordinal);
}
