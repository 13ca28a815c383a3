using AIOps.Abstractions.Resources;
using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;

namespace AIOps.Simulation.Scenarios;

/// <summary>
/// A node stops reporting (kubelet down): it goes NotReady, its pods become unavailable, and after the eviction
/// timeout (five minutes) they are deleted and recreated on other nodes. Restarting the node ends it.
/// </summary>
internal sealed class NodeFailureScenario(string id, ScenarioType type, SimResource target, DateTimeOffset startsAt, TimeSpan? duration, double intensity)
    : Scenario(id, type, target, startsAt, duration, intensity)
{
    public static readonly TimeSpan EvictionTimeout = TimeSpan.FromMinutes(5);
    private readonly List<(string Pod, string Deployment)> _down = [];
    private bool _evicted;

    public override string Description => $"Node {Target.Name} NotReady (kubelet stopped posting status); its pods fail and are rescheduled.";

    public DateTimeOffset EvictAt => StartsAt + EvictionTimeout;

    public override void Activate(SimulatedEstate estate)
    {
        estate.SetHealth(Target, ResourceHealth.Unhealthy, ("ready", "Unknown"));
        estate.Event(StartsAt, "Normal", "NodeNotReady", Target, $"Node {Target.Name} status is now: NodeNotReady", "node-controller");
        estate.Log(StartsAt, Target.Id, "ERROR", "kubelet: PLEG is not healthy: pleg was last seen active 3m0.4s ago; threshold is 3m0s");
        estate.Log(StartsAt, Target.Id, "ERROR", "containerd: failed to reserve sandbox name: context deadline exceeded");
        foreach (var pod in estate.AllResources.Where(p => p.Kind == ResourceKinds.Pod && p.NodeId == Target.Id).OrderBy(p => p.Id, StringComparer.Ordinal).ToList())
        {
            _down.Add((pod.Id, pod.OwnerId!));
            AddAffected(pod.Id);
            AddAffected(pod.OwnerId!);
            estate.SetHealth(pod, ResourceHealth.Unhealthy, ("ready", "False"), ("reason", "NodeNotReady"));
            estate.Event(StartsAt, "Warning", "NodeNotReady", pod, "Node is not ready", "node-controller");
        }
    }

    public override void Progress(SimulatedEstate estate, DateTimeOffset from, DateTimeOffset to)
    {
        if (_evicted || EvictAt > to || EvictAt >= EffectEnd)
        {
            return;
        }

        _evicted = true;
        foreach (var (podId, deploymentId) in _down)
        {
            if (estate.Find(podId) is not { } pod || estate.Find(deploymentId) is not { } deployment)
            {
                continue;
            }

            estate.Event(EvictAt, "Normal", "TaintManagerEviction", pod, $"Marking for deletion Pod {pod.Namespace}/{pod.Name}", "taint-controller");
            estate.RemoveResource(pod);
            var replacement = estate.NewPod(deployment, Target.Id, EvictAt);
            deployment.Dependencies = deployment.Dependencies.Replace(podId, replacement.Id);
            estate.Upserted(deployment);
            AddAffected(replacement.Id);
        }
    }

    public override void End(SimulatedEstate estate, DateTimeOffset at)
    {
        estate.SetHealth(Target, ResourceHealth.Healthy, ("ready", "True"));
        foreach (var (podId, _) in _down)
        {
            if (estate.Find(podId) is { } pod)
            {
                estate.SetHealth(pod, ResourceHealth.Healthy, ("ready", "True"), ("reason", null));
            }
        }
    }

    public override string? OnAction(SimulatedEstate estate, EstateAction action, DateTimeOffset at) =>
        action is RestartAction r && r.ResourceId == Target.Id ? $"reboot of {Target.Id}; kubelet posting status again" : null;

    public override IEnumerable<string> IndexKeys => [Target.Id, .. _down.Select(d => d.Deployment).Distinct()];

    public override void Apply(SimResource resource, DateTimeOffset t, ref MetricValues values)
    {
        if (!EffectAt(t))
        {
            return;
        }

        var podsDownUntil = EvictAt < EffectEnd ? EvictAt : EffectEnd;
        if (resource == Target)
        {
            values.Ready = 0;
            values.Cpu = 0;
            values.MemoryBytes = 0;
        }
        else if (resource.Kind == ResourceKinds.Pod && resource.NodeId == Target.Id && t < podsDownUntil)
        {
            values.Up = 0;
            values.Rps = 0;
            values.Cpu = 0;
        }
        else if (resource.Kind == ResourceKinds.Deployment && t < podsDownUntil)
        {
            var down = _down.Count(d => d.Deployment == resource.Id);
            if (down > 0)
            {
                values.ReplicasAvailable = Math.Max(0, values.Replicas - down);
                values.ErrorRatio += 0.08 * down / Math.Max(1, values.Replicas);
            }
        }
    }
}
