using System.Collections.Immutable;

namespace AIOps.Abstractions.Actions;

/// <summary>A filter and page over the action index, newest proposed first. Every filter is optional.</summary>
/// <param name="Status">Only actions in this state.</param>
/// <param name="AgentId">Only actions proposed by this agent.</param>
/// <param name="ResourceId">Only actions that target this resource.</param>
/// <param name="Offset">How many matching actions to skip.</param>
/// <param name="Limit">How many to return (1 to 500).</param>
[GenerateSerializer, Immutable, Alias("aiops.model.action-query")]
public sealed record ActionQuery(
    [property: Id(0)] ActionStatus? Status = null,
    [property: Id(1)] string? AgentId = null,
    [property: Id(2)] string? ResourceId = null,
    [property: Id(3)] int Offset = 0,
    [property: Id(4)] int Limit = 50)
{
    /// <summary>
    /// The caller's team scope: when set, only actions whose target teams all lie in it are returned (an action on
    /// resources without a team is always returned). Null means no scope.
    /// </summary>
    [Id(5)]
    public ImmutableArray<string>? Teams { get; init; }
}
