using System.Collections.Immutable;
using AIOps.Abstractions.Events;

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

    /// <summary>Takes Kubernetes events (<c>k8s.event</c>) and log lines (<c>log.line</c>) about resources: the context correlation and root-cause analysis read.</summary>
    [Alias("observe-context")] Task ObserveContextAsync(ImmutableArray<SystemEvent> events);

    /// <summary>Alerts in and incidents out, per source and overall, since the correlator started.</summary>
    [Alias("noise")] Task<NoiseReduction> GetNoiseReductionAsync();

    /// <summary>Analyses an incident now instead of after the usual pause; returns how many incidents were analysed.</summary>
    [Alias("analyze")] Task<int> AnalyzeNowAsync(string incidentId);
}
