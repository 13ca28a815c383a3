using AIOps.Simulation.Estate;

namespace AIOps.Simulation.Metrics;

/// <summary>Prometheus-style names of the simulated metrics, and which kinds of resource have which.</summary>
public static class MetricNames
{
    /// <summary>CPU utilisation, 0..1.</summary>
    public const string CpuRatio = "aiops_cpu_utilization_ratio";

    /// <summary>Memory working set in bytes.</summary>
    public const string MemoryBytes = "aiops_memory_working_set_bytes";

    /// <summary>Memory used over the limit (pods) or total (machines), 0..1.</summary>
    public const string MemoryRatio = "aiops_memory_utilization_ratio";

    /// <summary>HTTP requests per second.</summary>
    public const string RequestRate = "aiops_http_requests_per_second";

    /// <summary>95th percentile of HTTP request duration, seconds.</summary>
    public const string LatencyP95 = "aiops_http_request_duration_p95_seconds";

    /// <summary>Share of HTTP requests that failed (5xx), 0..1.</summary>
    public const string ErrorRatio = "aiops_http_error_ratio";

    /// <summary>Disk (or volume) space used, 0..1.</summary>
    public const string DiskUsedRatio = "aiops_disk_used_ratio";

    /// <summary>Bytes per second sent to the network.</summary>
    public const string NetworkTransmit = "aiops_network_transmit_bytes_per_second";

    /// <summary>1 when the resource answers, 0 when it does not.</summary>
    public const string Up = "aiops_up";

    /// <summary>1 when a Kubernetes node is Ready.</summary>
    public const string NodeReady = "aiops_node_ready";

    /// <summary>Hourly cost of the resource.</summary>
    public const string CostPerHour = "aiops_cost_per_hour";

    /// <summary>Container restarts of a pod since it was created.</summary>
    public const string PodRestarts = "aiops_pod_restarts_total";

    /// <summary>Desired replicas of a deployment.</summary>
    public const string Replicas = "aiops_deployment_replicas";

    /// <summary>Available replicas of a deployment.</summary>
    public const string ReplicasAvailable = "aiops_deployment_replicas_available";

    /// <summary>1 when a volume is attached to a machine.</summary>
    public const string VolumeAttached = "aiops_volume_attached";

    private static readonly string[] Machine = [CpuRatio, MemoryRatio, DiskUsedRatio, NetworkTransmit, RequestRate, Up, CostPerHour];
    private static readonly string[] Volume = [DiskUsedRatio, VolumeAttached, CostPerHour];
    private static readonly string[] Balancer = [RequestRate, LatencyP95, ErrorRatio, CostPerHour];
    private static readonly string[] NodeMetrics = [CpuRatio, MemoryRatio, DiskUsedRatio, NodeReady, CostPerHour];
    private static readonly string[] DeploymentMetrics = [RequestRate, LatencyP95, ErrorRatio, Replicas, ReplicasAvailable];
    private static readonly string[] ServiceMetrics = [RequestRate, LatencyP95, ErrorRatio];
    private static readonly string[] PodMetrics = [CpuRatio, MemoryBytes, MemoryRatio, RequestRate, LatencyP95, ErrorRatio, PodRestarts, Up];

    /// <summary>The metrics a resource of <paramref name="kind"/> has (none for Terraform addresses).</summary>
    public static IReadOnlyList<string> ForKind(string kind) => kind switch
    {
        ResourceKinds.Ec2Instance or ResourceKinds.AzureVm => Machine,
        ResourceKinds.EbsVolume or ResourceKinds.ManagedDisk => Volume,
        ResourceKinds.LoadBalancer => Balancer,
        ResourceKinds.Node => NodeMetrics,
        ResourceKinds.Deployment => DeploymentMetrics,
        ResourceKinds.Service => ServiceMetrics,
        ResourceKinds.Pod => PodMetrics,
        _ => [],
    };
}
