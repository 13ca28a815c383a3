using System.Globalization;
using AIOps.Abstractions.Resources;

namespace AIOps.Simulation.Estate;

public sealed partial class SimulatedEstate
{
    private int _podSerial;
    private int _placement;

    /// <summary>Replaces every pod of a deployment with pods of its current template (a rollout).</summary>
    internal List<string> RolloutPods(SimResource deployment, DateTimeOffset at)
    {
        var changed = new List<string>();
        var old = PodsOf(deployment).ToList();
        var hash = PodFactory.TemplateHash(Options.Seed, deployment.Id, deployment.Desired["image"]);
        Event(at, "Normal", "ScalingReplicaSet", deployment, $"Scaled up replica set {deployment.Name}-{hash} to {deployment.Current.Replicas}", "deployment-controller");
        foreach (var pod in old)
        {
            Event(at, "Normal", "Killing", pod, $"Stopping container {deployment.Name}", "kubelet");
            RemoveResource(pod);
            changed.Add(pod.Id);
        }

        var fresh = new List<string>();
        for (var i = 0; i < deployment.Current.Replicas; i++)
        {
            var pod = NewPod(deployment, null, at);
            fresh.Add(pod.Id);
            changed.Add(pod.Id);
        }

        deployment.Dependencies = [.. fresh];
        Upserted(deployment);
        return changed;
    }

    /// <summary>Creates one pod for a deployment on a Ready node other than <paramref name="avoidNodeId"/>.</summary>
    internal SimResource NewPod(SimResource deployment, string? avoidNodeId, DateTimeOffset at)
    {
        var nodes = NodesOf(deployment.Cluster!).Where(n => n.Id != avoidNodeId && n.Health == ResourceHealth.Healthy).ToList();
        if (nodes.Count == 0)
        {
            nodes = [.. NodesOf(deployment.Cluster!)];
        }

        var node = nodes[_placement++ % nodes.Count];
        var pod = PodFactory.Create(Options.Seed, deployment, node, 1_000_000 + _podSerial++, at);
        AddResource(pod);
        Event(at, "Normal", "Scheduled", pod, $"Successfully assigned {pod.Namespace}/{pod.Name} to {node.Name}", "default-scheduler");
        Event(at, "Normal", "Pulled", pod, $"Container image \"{deployment.Desired["image"]}\" already present on machine", "kubelet");
        Event(at, "Normal", "Started", pod, $"Started container {deployment.Name}", "kubelet");
        return pod;
    }

    /// <summary>Sets a deployment's replicas: adds pods or removes the newest ones.</summary>
    internal List<string> ScalePods(SimResource deployment, int replicas, DateTimeOffset at)
    {
        var changed = new List<string>();
        var phase = deployment.Current;
        var from = phase.Replicas;
        deployment.SetPhase(phase with { At = at, Replicas = replicas });
        deployment.Desired = With(deployment.Desired, ("replicas", replicas.ToString(CultureInfo.InvariantCulture)));
        deployment.Observed = With(deployment.Observed, ("replicas", replicas.ToString(CultureInfo.InvariantCulture)));
        var hash = PodFactory.TemplateHash(Options.Seed, deployment.Id, deployment.Desired["image"]);
        Event(at, "Normal", "ScalingReplicaSet", deployment, $"Scaled {(replicas >= from ? "up" : "down")} replica set {deployment.Name}-{hash} to {replicas}", "deployment-controller");
        var pods = PodsOf(deployment).ToList();
        var deps = pods.Select(p => p.Id).ToList();
        for (var i = pods.Count; i < replicas; i++)
        {
            var pod = NewPod(deployment, null, at);
            deps.Add(pod.Id);
            changed.Add(pod.Id);
        }

        for (var i = pods.Count - 1; i >= replicas; i--)
        {
            Event(at, "Normal", "Killing", pods[i], $"Stopping container {deployment.Name}", "kubelet");
            RemoveResource(pods[i]);
            deps.Remove(pods[i].Id);
            changed.Add(pods[i].Id);
        }

        deployment.Dependencies = [.. deps];
        Upserted(deployment);
        changed.Add(deployment.Id);
        return changed;
    }
}
