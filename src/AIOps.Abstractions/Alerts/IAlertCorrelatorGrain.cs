using System.Collections.Immutable;

namespace AIOps.Abstractions.Alerts;

/// <summary>
/// The incident response agent's correlation engine: takes stored alert signals in batches and folds them into
/// incidents. Keyed by <see cref="Key"/>.
/// </summary>
[Alias("aiops.alert-correlator")]
public interface IAlertCorrelatorGrain : IGrainWithStringKey
{
    /// <summary>The one correlator of the cluster.</summary>
    const string Key = "default";

    /// <summary>Folds a batch of signals in; returns when they are applied (and may be marked delivered).</summary>
    [Alias("observe")] Task ObserveAsync(ImmutableArray<AlertSignal> signals);
}
