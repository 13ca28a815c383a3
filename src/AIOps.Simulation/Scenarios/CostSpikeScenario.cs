using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;
using AIOps.Simulation.Randomness;

namespace AIOps.Simulation.Scenarios;

/// <summary>
/// A sync job on a machine re-uploads the same data to an external endpoint in a loop: network egress and the
/// data-transfer cost jump. Restarting or stopping the machine ends it.
/// </summary>
internal sealed class CostSpikeScenario(string id, ScenarioType type, SimResource target, DateTimeOffset startsAt, TimeSpan? duration, double intensity)
    : Scenario(id, type, target, startsAt, duration, intensity)
{
    private const double BytesPerSecondAtOne = 50e6;
    private decimal _egressPerHour;

    public override string Description => $"Egress loop on {Target.Id}: {Intensity * 50:0} MB/s out, about {_egressPerHour:0.00} USD per hour of data transfer.";

    public override void Activate(SimulatedEstate estate)
    {
        _egressPerHour = Math.Round((decimal)(Intensity * BytesPerSecondAtOne * 3600 / 1e9) * estate.Prices.EgressPerGb, 4);
        Target.SetPhase(Target.Current with { At = StartsAt, CostPerHour = Target.Current.CostPerHour + _egressPerHour });
        estate.Upserted(Target);
        estate.Log(StartsAt, Target.Id, "INFO", "sync-agent: starting full resync to https://ingest.partner.example.net/v2/upload (checkpoint missing)");
    }

    public override void Progress(SimulatedEstate estate, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var minute in Minutes(from, to))
        {
            if (minute >= EffectEnd)
            {
                break;
            }

            var h = SeedHash.Combine(Target.Hash, (ulong)minute.ToUnixTimeSeconds());
            estate.Log(minute, Target.Id, "INFO", $"sync-agent: uploaded chunk {h % 4096}/4096 ({Intensity * BytesPerSecondAtOne * 60 / 1e6:0} MB) to https://ingest.partner.example.net/v2/upload; checkpoint not acknowledged, restarting from chunk 0");
        }
    }

    public override string? OnAction(SimulatedEstate estate, EstateAction action, DateTimeOffset at) =>
        action is RestartAction or StopAction && action.ResourceId == Target.Id ? $"{action.GetType().Name[..^6].ToLowerInvariant()} of {Target.Id} ended the upload loop" : null;

    public override void End(SimulatedEstate estate, DateTimeOffset at)
    {
        if (estate.Find(Target.Id) is null)
        {
            return;
        }

        var phase = Target.Current;
        Target.SetPhase(phase with { At = at, CostPerHour = Math.Max(0m, phase.CostPerHour - (phase.Running ? _egressPerHour : 0m)) });
        estate.Upserted(Target);
    }

    public override void Apply(SimResource resource, DateTimeOffset t, ref MetricValues values)
    {
        if (resource != Target || !EffectAt(t) || values.Up < 1)
        {
            return;
        }

        values.NetworkTx += Intensity * BytesPerSecondAtOne;
        values.Cpu += 0.05;
    }
}
