using System.Globalization;
using AIOps.Abstractions.Resources;
using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;
using AIOps.Simulation.Randomness;

namespace AIOps.Simulation.Scenarios;

/// <summary>Pods of a deployment leak memory at a steady rate; at the limit the kernel OOM-kills them and they restart and leak again.</summary>
internal sealed class MemoryLeakScenario(string id, ScenarioType type, SimResource target, DateTimeOffset startsAt, TimeSpan? duration, double intensity)
    : Scenario(id, type, target, startsAt, duration, intensity)
{
    public override string Description => $"Memory leak in {Target.Desired["image"]} of {Target.Id}: pods are OOM-killed and restart.";

    public override void Activate(SimulatedEstate estate)
    {
        foreach (var pod in estate.PodsOf(Target))
        {
            AddAffected(pod.Id);
        }

        estate.Log(StartsAt, Target.Id, "INFO", $"deployment {Target.Name}: cache warm-up enabled for tenant catalogue (feature flag cache.retainAll=true)");
    }

    public override void Progress(SimulatedEstate estate, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var pod in estate.PodsOf(Target).ToList())
        {
            AddAffected(pod.Id);
            var (start, period) = Leak(pod);
            if (period <= TimeSpan.Zero)
            {
                continue;
            }

            var k = Math.Max(1, (long)Math.Floor((from - start) / period) + 1);
            for (var oom = start + (period * k); oom <= to; oom += period, k++)
            {
                if (oom <= from || oom >= EffectEnd)
                {
                    continue;
                }

                var node = estate.Find(pod.NodeId);
                var limitMb = (long)(pod.Profile.MemoryLimitBytes / (1 << 20));
                var pid = 1000 + (int)(SeedHash.Combine(pod.Hash, (ulong)k) % 30000);
                if (node is not null)
                {
                    estate.Event(oom, "Warning", "OOMKilling", node, $"Memory cgroup out of memory: Killed process {pid} (dotnet) total-vm:{limitMb * 3 * 1024}kB, anon-rss:{limitMb * 1024}kB, file-rss:0kB, shmem-rss:0kB", "kernel-monitor");
                }

                estate.Log(oom, pod.Id, "FATAL", "Unhandled exception. System.OutOfMemoryException: Exception of type 'System.OutOfMemoryException' was thrown.");
                estate.Event(oom, "Warning", "BackOff", pod, $"Back-off restarting failed container {Target.Name} in pod {pod.Name}_{pod.Namespace}", "kubelet");
                estate.SetHealth(pod, ResourceHealth.Degraded, ("restartCount", k.ToString(CultureInfo.InvariantCulture)), ("lastTerminationReason", "OOMKilled"));
            }

            foreach (var minute in Minutes(from, to))
            {
                if (minute >= EffectEnd)
                {
                    break;
                }

                var extra = Extra(pod, minute);
                if (extra > 0.3)
                {
                    var heapMb = (long)(pod.Profile.MemoryLimitBytes * (pod.Profile.BaseMemoryRatio + extra * (1 - pod.Profile.BaseMemoryRatio)) / (1 << 20));
                    estate.Log(minute, pod.Id, "WARN", $"GC heap size {heapMb} MB after gen2 collection; {(long)(extra * 480_000)} objects promoted; cache entries {(long)(extra * 2_000_000)}");
                }
            }
        }
    }

    public override void End(SimulatedEstate estate, DateTimeOffset at)
    {
        foreach (var pod in estate.PodsOf(Target))
        {
            estate.SetHealth(pod, ResourceHealth.Healthy);
        }
    }

    public override string? OnAction(SimulatedEstate estate, EstateAction action, DateTimeOffset at) => action switch
    {
        RestartAction r when r.ResourceId == Target.Id => $"rollout restart of {Target.Id} with the leak disabled",
        RollbackAction r when r.ResourceId == Target.Id => $"rollback of {Target.Id} to {Target.Desired["image"]}",
        _ => null,
    };

    public override void Apply(SimResource resource, DateTimeOffset t, ref MetricValues values)
    {
        if (resource.Kind != ResourceKinds.Pod || resource.OwnerId != Target.Id || Status == ScenarioStatus.Scheduled || t < StartsAt)
        {
            return;
        }

        var (start, period) = Leak(resource);
        if (period > TimeSpan.Zero && t >= start)
        {
            var until = t < EffectEnd ? t : EffectEnd;
            values.Restarts += Math.Max(0, Math.Floor((until - start) / period) - (until == EffectEnd && (until - start) / period % 1 == 0 ? 1 : 0));
        }

        var extra = Extra(resource, t);
        if (extra > 0)
        {
            var headroom = resource.Profile.MemoryLimitBytes * (1 - resource.Profile.BaseMemoryRatio);
            values.MemoryBytes += extra * headroom;
            values.Cpu += 0.25 * extra;
            values.Latency *= 1 + extra;
        }
    }

    /// <summary>When the pod's leak starts and how long it takes to fill the headroom.</summary>
    private (DateTimeOffset Start, TimeSpan Period) Leak(SimResource pod)
    {
        var start = pod.CreatedAt is { } created && created > StartsAt ? created : StartsAt;
        var jitter = 0.85 + (0.3 * SeedHash.Unit(SeedHash.Combine(pod.Hash, 17)));
        return (start, TimeSpan.FromHours(1 / (Intensity * jitter)));
    }

    /// <summary>Share of the headroom leaked at <paramref name="t"/> (0..1).</summary>
    private double Extra(SimResource pod, DateTimeOffset t)
    {
        var (start, period) = Leak(pod);
        if (t < start || t >= EffectEnd || period <= TimeSpan.Zero)
        {
            return 0;
        }

        var phase = (t - start) / period;
        return phase - Math.Floor(phase);
    }
}
