namespace AIOps.Abstractions.Actions;

/// <summary>One page of the action index.</summary>
/// <param name="Items">The actions on this page, newest proposed first.</param>
/// <param name="Total">How many actions match the filter in all.</param>
/// <param name="Offset">Offset of the first item.</param>
/// <param name="Limit">Page size asked for.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.action-page")]
public sealed record ActionPage(
    [property: Id(0)] IReadOnlyList<ActionSummary> Items,
    [property: Id(1)] int Total,
    [property: Id(2)] int Offset,
    [property: Id(3)] int Limit);
