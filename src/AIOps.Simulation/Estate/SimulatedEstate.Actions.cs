using System.Collections.Immutable;
using System.Globalization;
using AIOps.Abstractions.Resources;
using AIOps.Simulation.Actions;
using AIOps.Simulation.Scenarios;

namespace AIOps.Simulation.Estate;

public sealed partial class SimulatedEstate
{
    /// <summary>Largest replica count a scale action may set.</summary>
    public const int MaxReplicas = 500;

    /// <summary>
    /// Applies an action to the estate now: the change shows up in inventory, metrics and events, and scenarios it fixes
    /// are resolved. Throws <see cref="ActionValidationException"/> (naming the field) when the action cannot apply; then nothing changes.
    /// </summary>
    public ActionResult Apply(EstateAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_lock)
        {
            AdvanceLocked();
            var now = TimeProvider.GetUtcNow();
            var r = Find(action.ResourceId) ?? throw new ActionValidationException("resourceId", $"No resource '{action.ResourceId}' in the simulated estate.");
            var (description, changed) = action switch
            {
                ScaleAction scale => Scale(r, scale, now),
                RestartAction => Restart(r, now),
                RollbackAction rollback => Rollback(r, rollback, now),
                ResizeAction resize => Resize(r, resize, now),
                StopAction => Stop(r, now),
                DeleteAction => Delete(r, now),
                _ => throw new ActionValidationException("type", $"Unknown action {action.GetType().Name}."),
            };
            var resolved = ImmutableArray.CreateBuilder<string>();
            foreach (var scenario in _scenarios.Where(s => s.Status == ScenarioStatus.Active).ToList())
            {
                if (scenario.OnAction(this, action, now) is { } resolution)
                {
                    Finish(scenario, now, ScenarioStatus.Resolved, resolution);
                    resolved.Add(scenario.Id);
                }
            }

            Flush();
            return new ActionResult(action, description, [.. changed.Distinct(StringComparer.Ordinal)], resolved.ToImmutable(), now);
        }
    }

    private (string, List<string>) Scale(SimResource r, ScaleAction action, DateTimeOffset at)
    {
        RequireKind(r, "scale", ResourceKinds.Deployment);
        if (action.Replicas is < 0 or > MaxReplicas)
        {
            throw new ActionValidationException("replicas", $"Replicas must be between 0 and {MaxReplicas}; got {action.Replicas}.");
        }

        var from = r.Current.Replicas;
        return ($"Scaled {r.Id} from {from} to {action.Replicas} replicas.", ScalePods(r, action.Replicas, at));
    }

    private (string, List<string>) Restart(SimResource r, DateTimeOffset at)
    {
        switch (r.Kind)
        {
            case ResourceKinds.Deployment:
                r.Desired = With(r.Desired, ("restartedAt", at.ToString("O", CultureInfo.InvariantCulture)));
                r.Observed = With(r.Observed, ("restartedAt", at.ToString("O", CultureInfo.InvariantCulture)));
                return ($"Rolled out {r.Id} again (rollout restart).", [r.Id, .. RolloutPods(r, at)]);
            case ResourceKinds.Pod:
                {
                    var deployment = Find(r.OwnerId)!;
                    Event(at, "Normal", "Killing", r, $"Stopping container {deployment.Name}", "kubelet");
                    RemoveResource(r);
                    var pod = NewPod(deployment, null, at);
                    deployment.Dependencies = deployment.Dependencies.Replace(r.Id, pod.Id);
                    Upserted(deployment);
                    return ($"Deleted pod {r.Id}; its ReplicaSet created {pod.Id}.", [r.Id, pod.Id, deployment.Id]);
                }

            case ResourceKinds.Node:
                Event(at, "Warning", "Rebooted", r, $"Node {r.Name} has been rebooted, boot id: {Guid.CreateVersion7(at)}", "kubelet");
                Event(at, "Normal", "NodeReady", r, $"Node {r.Name} status is now: NodeReady", "kubelet");
                SetHealth(r, ResourceHealth.Healthy, ("ready", "True"));
                return ($"Rebooted node {r.Id}.", [r.Id]);
            case ResourceKinds.Ec2Instance or ResourceKinds.AzureVm:
                if (!r.Current.Running)
                {
                    throw new ActionValidationException("resourceId", $"'{r.Id}' is stopped; start it instead of restarting it.");
                }

                Event(at, "Normal", r.Kind == ResourceKinds.AzureVm ? "Microsoft.Compute/virtualMachines/restart/action" : "RebootInstances", r, $"Reboot of {r.Name} requested by the AIOps platform", r.Provider == "aws" ? "cloudtrail" : "azure-activity-log");
                Log(at, r.Id, "INFO", "systemd[1]: Reached target Reboot.");
                SetHealth(r, ResourceHealth.Healthy);
                return ($"Rebooted {r.Id}.", [r.Id]);
            default:
                throw new ActionValidationException("resourceId", $"A {r.Kind} cannot be restarted; restart applies to deployments, pods, nodes and machines.");
        }
    }

    private (string, List<string>) Rollback(SimResource r, RollbackAction action, DateTimeOffset at)
    {
        RequireKind(r, "roll back", ResourceKinds.Deployment);
        var image = r.Desired["image"];
        KeyValuePair<int, string> target;
        if (action.Revision is { } revision)
        {
            target = r.Revisions.FirstOrDefault(x => x.Key == revision);
            if (target.Value is null)
            {
                throw new ActionValidationException("revision", $"Deployment '{r.Id}' has no revision {revision}; it has {string.Join(", ", r.Revisions.Select(x => x.Key))}.");
            }

            if (target.Value == image)
            {
                throw new ActionValidationException("revision", $"Revision {revision} of '{r.Id}' is the running image {image}; nothing to roll back to.");
            }
        }
        else
        {
            target = r.Revisions.LastOrDefault(x => x.Value != image);
            if (target.Value is null)
            {
                throw new ActionValidationException("revision", $"Deployment '{r.Id}' has no earlier revision with a different image.");
            }
        }

        var newRevision = r.Revisions.Max(x => x.Key) + 1;
        r.Revisions.RemoveAll(x => x.Key == target.Key);
        r.Revisions.Add(new(newRevision, target.Value));
        var rev = newRevision.ToString(CultureInfo.InvariantCulture);
        r.Desired = With(r.Desired, ("image", target.Value), ("revision", rev));
        r.Observed = With(r.Observed, ("image", target.Value), ("revision", rev));
        Event(at, "Normal", "DeploymentRollback", r, $"Rolled back deployment \"{r.Name}\" to revision {target.Key}", "deployment-controller");
        return ($"Rolled back {r.Id} to revision {target.Key} ({target.Value}), now revision {newRevision}.", [r.Id, .. RolloutPods(r, at)]);
    }

    private (string, List<string>) Resize(SimResource r, ResizeAction action, DateTimeOffset at)
    {
        if (ResourceKinds.IsVolume(r.Kind))
        {
            var current = r.Current.DiskGb;
            if (!int.TryParse(action.Size, NumberStyles.None, CultureInfo.InvariantCulture, out var gb) || gb <= current || gb > 16_384)
            {
                throw new ActionValidationException("size", $"A volume can only grow: give a size in GB above {current} and at most 16384; got '{action.Size}'.");
            }

            var sku = r.Desired.GetValueOrDefault("volumeType") ?? r.Desired["sku"];
            var cost = Prices.VolumePerHour(sku, gb);
            r.SetPhase(r.Current with { At = at, DiskGb = gb, CostPerHour = cost });
            var size = gb.ToString(CultureInfo.InvariantCulture);
            r.Desired = With(r.Desired, ("sizeGb", size));
            r.Observed = With(r.Observed, ("sizeGb", size));
            Upserted(r);
            Event(at, "Normal", r.Provider == "aws" ? "ModifyVolume" : "Microsoft.Compute/disks/write", r, $"Volume {r.Name} modified from {current} GB to {gb} GB", r.Provider == "aws" ? "cloudtrail" : "azure-activity-log");
            return ($"Grew {r.Id} from {current} GB to {gb} GB.", [r.Id]);
        }

        if (!ResourceKinds.IsMachine(r.Kind))
        {
            throw new ActionValidationException("resourceId", $"A {r.Kind} cannot be resized; resize applies to EC2 instances, Azure VMs and volumes.");
        }

        var key = r.Kind == ResourceKinds.AzureVm ? "vmSize" : "instanceType";
        if (!Prices.IsKnownSize(r.Kind, action.Size))
        {
            var known = r.Kind == ResourceKinds.AzureVm ? Prices.VmSizes : Prices.InstanceTypes;
            throw new ActionValidationException("size", $"'{action.Size}' is not a known size for a {r.Kind}; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        }

        var from = r.Observed[key];
        if (from == action.Size)
        {
            throw new ActionValidationException("size", $"'{r.Id}' is already {from}.");
        }

        SetMachineSize(r, action.Size, at);
        return ($"Resized {r.Id} from {from} to {action.Size}.", [r.Id]);
    }

    internal void SetMachineSize(SimResource r, string size, DateTimeOffset at)
    {
        var key = r.Kind == ResourceKinds.AzureVm ? "vmSize" : "instanceType";
        var phase = r.Current;
        var cost = phase.Running ? Prices.MachinePerHour(r.Kind, size) : 0m;
        r.SetPhase(phase with { At = at, VCpus = PriceTable.VCpus(size), CostPerHour = cost });
        r.Desired = With(r.Desired, (key, size));
        r.Observed = With(r.Observed, (key, size));
        Upserted(r);
    }

    private (string, List<string>) Stop(SimResource r, DateTimeOffset at)
    {
        if (!ResourceKinds.IsMachine(r.Kind))
        {
            throw new ActionValidationException("resourceId", $"A {r.Kind} cannot be stopped; stop applies to EC2 instances and Azure VMs.");
        }

        if (!r.Current.Running)
        {
            throw new ActionValidationException("resourceId", $"'{r.Id}' is already stopped.");
        }

        r.SetPhase(r.Current with { At = at, Running = false, CostPerHour = 0m });
        var (key, value) = r.Kind == ResourceKinds.AzureVm ? ("powerState", "deallocated") : ("state", "stopped");
        r.Desired = With(r.Desired, (key, value));
        r.Observed = With(r.Observed, (key, value));
        Upserted(r);
        Event(at, "Normal", r.Kind == ResourceKinds.AzureVm ? "Microsoft.Compute/virtualMachines/deallocate/action" : "StopInstances", r, $"{r.Name} stopped by the AIOps platform", r.Provider == "aws" ? "cloudtrail" : "azure-activity-log");
        return ($"Stopped {r.Id}; compute cost is now 0 per hour.", [r.Id]);
    }

    private (string, List<string>) Delete(SimResource r, DateTimeOffset at)
    {
        if (!ResourceKinds.IsVolume(r.Kind))
        {
            throw new ActionValidationException("resourceId", $"Only unattached volumes can be deleted here; '{r.Id}' is a {r.Kind}.");
        }

        if (MachineOf(r) is { } machine)
        {
            throw new ActionValidationException("resourceId", $"Volume '{r.Id}' is attached to '{machine.Id}'; detach it or terminate the machine first.");
        }

        Event(at, "Normal", r.Provider == "aws" ? "DeleteVolume" : "Microsoft.Compute/disks/delete", r, $"Volume {r.Name} deleted by the AIOps platform", r.Provider == "aws" ? "cloudtrail" : "azure-activity-log");
        RemoveResource(r);
        return ($"Deleted volume {r.Id}.", [r.Id]);
    }

    private static void RequireKind(SimResource r, string verb, string kind)
    {
        if (r.Kind != kind)
        {
            throw new ActionValidationException("resourceId", $"Only a {kind} can {verb}; '{r.Id}' is a {r.Kind}.");
        }
    }

    internal void Terminate(SimResource machine, DateTimeOffset at)
    {
        foreach (var lb in _resources.Values.Where(x => x.Kind == ResourceKinds.LoadBalancer && x.Dependencies.Contains(machine.Id)).ToList())
        {
            lb.Dependencies = lb.Dependencies.Remove(machine.Id);
            Upserted(lb);
        }

        foreach (var volumeId in machine.Dependencies)
        {
            _machineByVolume.Remove(volumeId);
        }

        RemoveResource(machine);
    }
}
