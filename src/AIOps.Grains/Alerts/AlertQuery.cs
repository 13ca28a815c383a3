namespace AIOps.Grains.Alerts;

/// <summary>A filter over the alert store, newest notification first.</summary>
/// <param name="Source">Only this source's alerts.</param>
/// <param name="Status">Only alerts in this status.</param>
/// <param name="ResourceId">Only alerts about this resource.</param>
/// <param name="Offset">How many to skip.</param>
/// <param name="Limit">Page size, 1 to <see cref="AlertQueries.MaxLimit"/>.</param>
public sealed record AlertQuery(string? Source = null, AlertStatus? Status = null, string? ResourceId = null, int Offset = 0, int Limit = 100);
