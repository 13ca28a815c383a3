using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Randomness;

namespace AIOps.Simulation.Scenarios;

/// <summary>Demand on a service multiplies (ramping up over two minutes); pods saturate until the deployment is scaled out.</summary>
internal sealed class TrafficSpikeScenario(string id, ScenarioType type, SimResource target, DateTimeOffset startsAt, TimeSpan? duration, double intensity)
    : Scenario(id, type, target, startsAt, duration, intensity)
{
    private static readonly TimeSpan Ramp = TimeSpan.FromMinutes(2);
    private SimResource? _deployment;

    public override string Description => $"Traffic spike ×{Intensity:0.#} on {Target.Id}.";

    public override bool ResolutionEndsEffect => false;

    public override IEnumerable<string> IndexKeys => [Target.Id, .. Target.Kind == ResourceKinds.Service ? Target.Dependencies : []];

    public override void Activate(SimulatedEstate estate)
    {
        _deployment = estate.DeploymentOf(Target);
        if (_deployment is null)
        {
            return;
        }

        AddAffected(_deployment.Id);
        if (estate.AllResources.FirstOrDefault(r => r.Kind == ResourceKinds.Service && r.Dependencies.Contains(_deployment.Id)) is { } service)
        {
            AddAffected(service.Id);
        }

        foreach (var pod in estate.PodsOf(_deployment))
        {
            AddAffected(pod.Id);
        }
    }

    public override void Progress(SimulatedEstate estate, DateTimeOffset from, DateTimeOffset to)
    {
        if (_deployment is null)
        {
            return;
        }

        foreach (var minute in Minutes(from, to))
        {
            var (demand, util, replicas) = estate.Model.Traffic(_deployment, minute);
            foreach (var pod in estate.PodsOf(_deployment))
            {
                AddAffected(pod.Id);
                var h = SeedHash.Combine(pod.Hash, (ulong)minute.ToUnixTimeSeconds());
                if (util > 1.0)
                {
                    estate.Log(minute, pod.Id, "ERROR", $"503 Service Unavailable: request queue full ({(int)(util * 100)} pending) path=/api/{_deployment.Name}/items");
                }

                if (util > 0.85)
                {
                    estate.Log(minute, pod.Id, "WARN", $"upstream request timeout: GET /api/{_deployment.Name}/items took {(int)(util * 800 + (h % 200))} ms (rps={demand / Math.Max(1, replicas):0})");
                }
            }
        }
    }

    public override string? OnAction(SimulatedEstate estate, EstateAction action, DateTimeOffset at)
    {
        if (_deployment is null || action is not ScaleAction scale || scale.ResourceId != _deployment.Id)
        {
            return null;
        }

        var (_, util, _) = estate.Model.Traffic(_deployment, at);
        return util < 0.85 ? $"scaled {_deployment.Id} to {scale.Replicas} replicas; per-pod utilisation {util:0.00}" : null;
    }

    public override double DemandMultiplier(SimResource deployment, DateTimeOffset t)
    {
        if (deployment != _deployment || !EffectAt(t))
        {
            return 1;
        }

        var ramp = Math.Min(1, (t - StartsAt) / Ramp);
        return 1 + ((Intensity - 1) * ramp);
    }
}
