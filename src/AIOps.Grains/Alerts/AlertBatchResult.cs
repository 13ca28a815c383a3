using System.Collections.Immutable;
using AIOps.Abstractions.Alerts;

namespace AIOps.Grains.Alerts;

/// <summary>What a stored <see cref="AlertBatch"/> changed.</summary>
/// <param name="Changes">The change of each notification, in the batch's order: the first of a run carries the run's change, the others are repeats.</param>
/// <param name="Signals">One signal per stored run, for the correlator.</param>
/// <param name="Deliveries">What to mark delivered once the correlator took <paramref name="Signals"/>.</param>
/// <param name="NewAlerts">Notifications whose alert was new to the store, per source.</param>
public sealed record AlertBatchResult(
    ImmutableArray<AlertChange> Changes,
    ImmutableArray<AlertSignal> Signals,
    ImmutableArray<AlertDelivery> Deliveries,
    ImmutableDictionary<string, int> NewAlerts)
{
    /// <summary>The notifications whose values are now their rows' (not stale), in write order: what the silo may answer repeats of.</summary>
    public ImmutableArray<AlertNotification> Stored { get; init; } = [];
}
