namespace AIOps.Grains.Alerts;

/// <summary>One page of stored alerts.</summary>
/// <param name="Items">The alerts, newest notification first.</param>
/// <param name="Total">How many match the filter.</param>
/// <param name="Offset">The page's offset.</param>
/// <param name="Limit">The page's size.</param>
public sealed record AlertPage(IReadOnlyList<StoredAlert> Items, int Total, int Offset, int Limit);
