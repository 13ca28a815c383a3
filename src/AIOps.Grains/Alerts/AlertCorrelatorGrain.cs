using System.Collections.Immutable;
using AIOps.Abstractions.Alerts;
using AIOps.Abstractions.Orchestration;

namespace AIOps.Grains.Alerts;

/// <summary>Folds stored alert signals into incidents, and routes the changes to the agents' streams.</summary>
public sealed class AlertCorrelatorGrain : Grain, IAlertCorrelatorGrain
{
    /// <inheritdoc />
    public async Task ObserveAsync(ImmutableArray<AlertSignal> signals)
    {
        var router = GrainFactory.GetGrain<IEventRouterGrain>(0);
        foreach (var signal in signals.IsDefault ? [] : signals)
        {
            if (signal.Change != AlertChange.Repeat)
            {
                await router.RouteEventAsync(signal.Event);
            }
        }
    }
}
