using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;

namespace AIOps.Simulation.Scenarios;

/// <summary>A machine's workload is migrated away and it idles, still billed. Stopping it ends it.</summary>
internal sealed class IdleResourceScenario(string id, ScenarioType type, SimResource target, DateTimeOffset startsAt, TimeSpan? duration, double intensity)
    : Scenario(id, type, target, startsAt, duration, intensity)
{
    public override string Description => $"{Target.Id} idles after its workload moved away, still costing {Target.CostPerHour} per hour.";

    public override void Activate(SimulatedEstate estate)
    {
        estate.Log(StartsAt, Target.Id, "INFO", $"systemd[1]: Stopped {Target.Team}-worker.service - {Target.Team} worker (migrated to Kubernetes).");
        estate.Log(StartsAt, Target.Id, "INFO", $"systemd[1]: {Target.Team}-worker.service: Consumed 3d 4h 12min CPU time.");
    }

    public override string? OnAction(SimulatedEstate estate, EstateAction action, DateTimeOffset at) =>
        action is StopAction s && s.ResourceId == Target.Id ? $"{Target.Id} stopped" : null;

    public override void Apply(SimResource resource, DateTimeOffset t, ref MetricValues values)
    {
        if (resource != Target || !EffectAt(t) || values.Up < 1)
        {
            return;
        }

        values.Cpu = 0.004 + (0.004 * values.Cpu);
        values.Rps = 0;
        values.NetworkTx = 200 + (values.NetworkTx * 0.001);
        values.MemoryBytes *= 0.3;
    }
}
