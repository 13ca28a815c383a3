using System.Collections.Immutable;

namespace AIOps.Abstractions.Resources;

/// <summary>A filter and page over the resource catalog, ordered by id. Every filter is optional.</summary>
/// <param name="Provider">Only this provider (exact).</param>
/// <param name="Kind">Only this kind (exact).</param>
/// <param name="Team">Only this team (case-insensitive).</param>
/// <param name="Environment">Only this environment; the usual spellings fold together (<c>prod</c> finds <c>production</c>).</param>
/// <param name="Health">Only resources in this health.</param>
/// <param name="Text">Only resources whose name or id contains this text (case-insensitive).</param>
/// <param name="Offset">How many matching resources to skip.</param>
/// <param name="Limit">How many to return (1 to 500).</param>
[GenerateSerializer, Immutable, Alias("aiops.model.resource-query")]
public sealed record ResourceQuery(
    [property: Id(0)] string? Provider = null,
    [property: Id(1)] string? Kind = null,
    [property: Id(2)] string? Team = null,
    [property: Id(3)] string? Environment = null,
    [property: Id(4)] ResourceHealth? Health = null,
    [property: Id(5)] string? Text = null,
    [property: Id(6)] int Offset = 0,
    [property: Id(7)] int Limit = 50)
{
    /// <summary>
    /// The caller's team scope: when set, only resources of these teams or of no team are returned. Null means no
    /// scope (every resource); an empty set means only resources without a team.
    /// </summary>
    [Id(8)]
    public ImmutableArray<string>? Teams { get; init; }
}
