namespace AIOps.Simulation.Metrics;

/// <summary>All metric values of one resource at one instant, before they are turned into samples.</summary>
internal struct MetricValues
{
    public double Cpu;
    public double MemoryBytes;
    public double MemoryLimitBytes;
    public double Rps;
    public double Latency;
    public double ErrorRatio;
    public double DiskUsedRatio;
    public double NetworkTx;
    public double Up;
    public double Ready;
    public double CostPerHour;
    public double Restarts;
    public double Replicas;
    public double ReplicasAvailable;
    public double Attached;

    public readonly double MemoryRatio => MemoryLimitBytes > 0 ? MemoryBytes / MemoryLimitBytes : 0;

    public readonly double Get(string metric) => metric switch
    {
        MetricNames.CpuRatio => Cpu,
        MetricNames.MemoryBytes => MemoryBytes,
        MetricNames.MemoryRatio => MemoryRatio,
        MetricNames.RequestRate => Rps,
        MetricNames.LatencyP95 => Latency,
        MetricNames.ErrorRatio => ErrorRatio,
        MetricNames.DiskUsedRatio => DiskUsedRatio,
        MetricNames.NetworkTransmit => NetworkTx,
        MetricNames.Up => Up,
        MetricNames.NodeReady => Ready,
        MetricNames.CostPerHour => CostPerHour,
        MetricNames.PodRestarts => Restarts,
        MetricNames.Replicas => Replicas,
        MetricNames.ReplicasAvailable => ReplicasAvailable,
        MetricNames.VolumeAttached => Attached,
        _ => double.NaN,
    };
}
