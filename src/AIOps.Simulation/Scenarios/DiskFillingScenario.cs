using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;

namespace AIOps.Simulation.Scenarios;

/// <summary>
/// A runaway writer on the attached machine fills a volume at a steady byte rate. Growing the volume lowers the used
/// ratio (time is bought, the growth goes on); restarting the machine stops the writer and its spill files are removed.
/// </summary>
internal sealed class DiskFillingScenario(string id, ScenarioType type, SimResource target, DateTimeOffset startsAt, TimeSpan? duration, double intensity)
    : Scenario(id, type, target, startsAt, duration, intensity)
{
    private SimResource? _machine;
    private double _bytesPerSecond;

    public override string Description => $"Disk filling on {Target.Id}: debug spill files written by {_machine?.Id ?? "its machine"}.";

    public override void Activate(SimulatedEstate estate)
    {
        _machine = estate.MachineOf(Target);
        if (_machine is not null)
        {
            AddAffected(_machine.Id);
        }

        var capacity = Target.Current.DiskGb * 1e9;
        _bytesPerSecond = Intensity * capacity * (1 - Target.Profile.DiskBaseRatio) / 3600;
        estate.Log(StartsAt, _machine?.Id ?? Target.Id, "WARN", "log level changed to TRACE for namespace App.Storage by config reload; spill files enabled in /var/lib/app/spill");
    }

    public override void Progress(SimulatedEstate estate, DateTimeOffset from, DateTimeOffset to)
    {
        var writer = _machine?.Id ?? Target.Id;
        foreach (var minute in Minutes(from, to))
        {
            if (minute >= EffectEnd)
            {
                break;
            }

            var ratio = estate.Model.Compute(Target, minute).DiskUsedRatio;
            if (ratio >= 0.97)
            {
                estate.Log(minute, writer, "ERROR", $"write failed: No space left on device (errno=28) path=/var/lib/app/spill/segment-{minute.ToUnixTimeSeconds() / 60 % 100000:00000}.bin");
            }
            else if (ratio >= 0.8)
            {
                estate.Log(minute, writer, "WARN", $"disk usage on /var/lib/app at {ratio * 100:0}% ({Target.Name})");
            }
        }
    }

    public override string? OnAction(SimulatedEstate estate, EstateAction action, DateTimeOffset at) =>
        action is RestartAction r && _machine is not null && r.ResourceId == _machine.Id
            ? $"restart of {_machine.Id} stopped the runaway writer; spill files removed"
            : null;

    public override void Apply(SimResource resource, DateTimeOffset t, ref MetricValues values)
    {
        if (resource != Target || !EffectAt(t))
        {
            return;
        }

        var written = _bytesPerSecond * (t - StartsAt).TotalSeconds;
        values.DiskUsedRatio += written / (resource.PhaseAt(t).DiskGb * 1e9);
    }
}
