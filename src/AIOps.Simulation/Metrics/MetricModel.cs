using AIOps.Simulation.Estate;
using AIOps.Simulation.Randomness;

namespace AIOps.Simulation.Metrics;

/// <summary>
/// Metric values as a pure function of (seed, resource, time) and the recorded history of the estate: daily and
/// weekly seasonality in the users' local time, a slow trend, noise drawn from (seed, resource, 15-second bucket), then
/// the effects of the scenarios that touch the resource. Request-serving pods share their deployment's demand, so
/// scaling a deployment lowers each pod's load.
/// </summary>
internal sealed class MetricModel(SimulatedEstate estate)
{
    public const double LatencyCapSeconds = 30;
    private const long NoiseBucketSeconds = 15;

    public MetricValues Compute(SimResource r, DateTimeOffset t)
    {
        var p = r.Profile;
        var phase = r.PhaseAt(t);
        var v = new MetricValues { Up = 1, Ready = 1, CostPerHour = (double)phase.CostPerHour };
        var load = Seasonal(p, t);
        switch (r.Kind)
        {
            case ResourceKinds.Deployment:
            case ResourceKinds.Service:
                {
                    var deployment = r.Kind == ResourceKinds.Deployment ? r : estate.Find(r.Dependencies.FirstOrDefault());
                    if (deployment is null)
                    {
                        break;
                    }

                    var (demand, util, replicas) = Traffic(deployment, t);
                    v.Rps = demand;
                    v.Latency = Latency(p, util) * Noise(r, 2, t);
                    v.ErrorRatio = ErrorRatio(p, util) * Noise(r, 3, t);
                    v.Replicas = replicas;
                    v.ReplicasAvailable = replicas;
                    break;
                }

            case ResourceKinds.Pod:
                {
                    var deployment = estate.Find(r.OwnerId);
                    if (deployment is null)
                    {
                        break;
                    }

                    var (demand, util, replicas) = Traffic(deployment, t);
                    v.Rps = replicas > 0 ? demand / replicas * Noise(r, 1, t) : 0;
                    v.Cpu = Math.Min(1, util * Noise(r, 4, t));
                    v.Latency = Latency(p, util) * Noise(r, 2, t);
                    v.ErrorRatio = ErrorRatio(p, util) * Noise(r, 3, t);
                    v.MemoryLimitBytes = p.MemoryLimitBytes;
                    v.MemoryBytes = p.MemoryLimitBytes * p.BaseMemoryRatio * (1 + (0.2 * (util - p.BaseLoad))) * Noise(r, 5, t);
                    break;
                }

            case ResourceKinds.Ec2Instance:
            case ResourceKinds.AzureVm:
                {
                    var initial = r.Phases[0];
                    v.MemoryLimitBytes = p.MemoryLimitBytes * phase.VCpus / Math.Max(1, initial.VCpus);
                    v.DiskUsedRatio = DiskRatio(r, p, t) * initial.DiskGb / Math.Max(1, phase.DiskGb);
                    if (!phase.Running)
                    {
                        v.Up = 0;
                        break;
                    }

                    v.Cpu = p.BaseLoad * load * Noise(r, 4, t) * initial.VCpus / Math.Max(1, phase.VCpus);
                    v.Rps = p.BaseRps * load * Noise(r, 1, t);
                    v.NetworkTx = v.Rps * 24_000 * Noise(r, 6, t);
                    v.MemoryBytes = p.MemoryLimitBytes * p.BaseMemoryRatio * Noise(r, 5, t);
                    break;
                }

            case ResourceKinds.EbsVolume:
            case ResourceKinds.ManagedDisk:
                v.DiskUsedRatio = DiskRatio(r, p, t) * r.Phases[0].DiskGb / Math.Max(1, phase.DiskGb);
                v.Attached = r.Observed.GetValueOrDefault("state") == "in-use" || r.Observed.GetValueOrDefault("diskState") == "Attached" ? 1 : 0;
                break;
            case ResourceKinds.Node:
                v.Cpu = p.BaseLoad * load * Noise(r, 4, t);
                v.MemoryLimitBytes = p.MemoryLimitBytes;
                v.MemoryBytes = p.MemoryLimitBytes * p.BaseMemoryRatio * Noise(r, 5, t);
                v.DiskUsedRatio = DiskRatio(r, p, t);
                break;
            case ResourceKinds.LoadBalancer:
                v.Rps = p.BaseRps * load * Noise(r, 1, t);
                v.Latency = p.BaseLatency * Noise(r, 2, t);
                v.ErrorRatio = p.BaseErrorRatio * Noise(r, 3, t);
                break;
            default:
                break;
        }

        foreach (var scenario in estate.ScenariosTouching(r))
        {
            scenario.Apply(r, t, ref v);
        }

        v.Cpu = Math.Clamp(v.Cpu, 0, 1);
        v.ErrorRatio = Math.Clamp(v.ErrorRatio, 0, 1);
        v.DiskUsedRatio = Math.Clamp(v.DiskUsedRatio, 0, 1);
        v.Latency = Math.Clamp(v.Latency, 0, LatencyCapSeconds);
        v.MemoryBytes = Math.Max(0, v.MemoryLimitBytes > 0 ? Math.Min(v.MemoryBytes, v.MemoryLimitBytes) : v.MemoryBytes);
        return v;
    }

    /// <summary>A deployment's demand (requests per second), per-pod utilisation and desired replicas at <paramref name="t"/>.</summary>
    public (double Demand, double Utilisation, int Replicas) Traffic(SimResource deployment, DateTimeOffset t)
    {
        var p = deployment.Profile;
        var multiplier = 1.0;
        foreach (var scenario in estate.ScenariosTouching(deployment))
        {
            multiplier *= scenario.DemandMultiplier(deployment, t);
        }

        var demand = p.BaseRps * Seasonal(p, t) * multiplier * Noise(deployment, 1, t);
        var replicas = deployment.PhaseAt(t).Replicas;
        var capacityPerPod = p.BaseRps / (Math.Max(1, deployment.Phases[0].Replicas) * p.BaseLoad);
        var util = replicas > 0 ? demand / replicas / capacityPerPod : 10;
        return (demand, util, replicas);
    }

    public double Seasonal(MetricProfile p, DateTimeOffset t)
    {
        var local = t.UtcDateTime.AddHours(p.UtcOffsetHours);
        var hour = local.TimeOfDay.TotalHours;
        var daily = -Math.Cos(2 * Math.PI * (hour - 2) / 24);
        var factor = 1 + (p.DailyAmplitude * daily);
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            factor *= 1 - p.WeeklyAmplitude;
        }

        var days = Math.Max(-365, (t - estate.Options.TrendEpoch).TotalDays);
        return factor * (1 + (p.TrendPerDay * days));
    }

    /// <summary>Multiplicative noise around 1, deterministic for (seed, resource, channel, 15-second bucket).</summary>
    public double Noise(SimResource r, ulong channel, DateTimeOffset t)
    {
        var bucket = (ulong)Math.Floor(t.ToUnixTimeSeconds() / (double)NoiseBucketSeconds);
        var g = SeedHash.Gaussian(SeedHash.Combine(estate.Options.Seed ^ (channel * 0x9E3779B97F4A7C15UL), r.Hash, bucket));
        return Math.Max(0.05, 1 + (r.Profile.Noise * g));
    }

    private double DiskRatio(SimResource r, MetricProfile p, DateTimeOffset t)
    {
        var days = Math.Max(0, (t - estate.Options.TrendEpoch).TotalDays);
        return Math.Min(0.8, p.DiskBaseRatio + (0.0002 * days)) * (1 + (0.2 * p.Noise * SeedHash.Gaussian(SeedHash.Combine(estate.Options.Seed, r.Hash, (ulong)(t.ToUnixTimeSeconds() / 300)))));
    }

    private static double Latency(MetricProfile p, double util)
    {
        var over = Math.Max(0, util - 0.8);
        return p.BaseLatency * (1 + (25 * over * over));
    }

    private static double ErrorRatio(MetricProfile p, double util) => p.BaseErrorRatio + Math.Clamp((util - 1.0) * 0.5, 0, 0.9);
}
