using System.Collections.Immutable;
using AIOps.Simulation.Estate;

namespace AIOps.Simulation.Scenarios;

/// <summary>The scenario types the simulation can inject.</summary>
public static class ScenarioCatalog
{
    /// <summary>A deployment's pods leak memory until they are OOM-killed and restart; a rollout restart or rollback ends it.</summary>
    public const string MemoryLeak = "memory-leak";

    /// <summary>A service's demand jumps; pods saturate (CPU, latency, errors) until it is scaled out.</summary>
    public const string TrafficSpike = "traffic-spike";

    /// <summary>A new revision of a deployment is rolled out and its error ratio jumps; a rollback ends it.</summary>
    public const string BadDeploy = "bad-deploy";

    /// <summary>A volume fills up; growing the volume buys time, restarting the writing machine ends it.</summary>
    public const string DiskFilling = "disk-filling";

    /// <summary>A node goes NotReady; its pods fail and are rescheduled after five minutes; restarting the node ends it.</summary>
    public const string NodeFailure = "node-failure";

    /// <summary>A Terraform-managed instance is resized outside Terraform; resizing it back ends it.</summary>
    public const string TerraformDrift = "terraform-drift";

    /// <summary>A machine's workload moves away and it idles; stopping it ends it.</summary>
    public const string IdleResource = "idle-resource";

    /// <summary>A machine is terminated and its volume is left behind unattached; deleting the volume ends it.</summary>
    public const string OrphanedVolume = "orphaned-volume";

    /// <summary>A machine starts sending data out to the internet in a loop: egress cost jumps; restarting or stopping it ends it.</summary>
    public const string CostSpike = "cost-spike";

    private static readonly ImmutableArray<string> Machines = [ResourceKinds.Ec2Instance, ResourceKinds.AzureVm];

    /// <summary>Every type, by name.</summary>
    public static ImmutableDictionary<string, ScenarioType> Types { get; } = new ScenarioType[]
    {
        new(MemoryLeak, "Pods of a deployment leak memory until OOM-killed, restart and leak again. Fixed by a rollout restart or a rollback.", [ResourceKinds.Deployment], 1, 0.05, 20, null, "leak rate: 1 fills the headroom in an hour"),
        new(TrafficSpike, "Demand on a service multiplies; pods saturate (CPU, latency, 5xx) until scaled out.", [ResourceKinds.Service, ResourceKinds.Deployment], 5, 1.1, 100, TimeSpan.FromMinutes(30), "demand multiplier"),
        new(BadDeploy, "A new revision is rolled out and its error ratio jumps. Fixed by a rollback.", [ResourceKinds.Deployment], 1, 0.05, 3.6, null, "added error ratio: 1 adds 25%"),
        new(DiskFilling, "A volume fills up at a steady rate. Growing the volume buys time; restarting the writing machine ends it.", [ResourceKinds.EbsVolume, ResourceKinds.ManagedDisk], 1, 0.01, 50, null, "fill rate: 1 fills the free space in an hour"),
        new(NodeFailure, "A node goes NotReady; its pods fail and are evicted and rescheduled after five minutes. Fixed by restarting the node.", [ResourceKinds.Node], 1, 1, 1, null, "unused"),
        new(TerraformDrift, "A Terraform-managed instance is resized outside Terraform. Fixed by resizing it back to the Terraform configuration.", [ResourceKinds.Ec2Instance, ResourceKinds.TerraformInstance], 1, 1, 3, null, "size steps up within the family"),
        new(IdleResource, "A machine's workload moves away and it idles at near-zero CPU while still billed. Fixed by stopping it.", Machines, 1, 1, 1, null, "unused"),
        new(OrphanedVolume, "A machine is terminated and its volume is left unattached and billed. Fixed by deleting the volume.", Machines, 1, 1, 1, null, "unused"),
        new(CostSpike, "A machine sends data to the internet in a loop; egress cost jumps. Fixed by restarting or stopping it.", Machines, 1, 0.1, 20, null, "egress: 1 is 50 MB/s (about 16 USD/hour)"),
    }.ToImmutableDictionary(t => t.Name, StringComparer.Ordinal);
}
