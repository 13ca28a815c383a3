using System.Collections.Frozen;

namespace AIOps.Simulation.Estate;

/// <summary>
/// On-demand list prices in USD (Linux, us-east-1 for AWS, East US pay-as-you-go for Azure; rounded as the
/// public price pages show them). Good enough for cost agents to reason about relative cost; not a bill.
/// </summary>
public sealed class PriceTable
{
    /// <summary>Hours per month the providers bill storage by.</summary>
    public const decimal HoursPerMonth = 730m;

    /// <summary>The table the simulation uses by default.</summary>
    public static PriceTable Default { get; } = new();

    private static readonly FrozenDictionary<string, decimal> Ec2 = new Dictionary<string, decimal>
    {
        ["t3.small"] = 0.0208m,
        ["t3.medium"] = 0.0416m,
        ["t3.large"] = 0.0832m,
        ["t3.xlarge"] = 0.1664m,
        ["m5.large"] = 0.096m,
        ["m5.xlarge"] = 0.192m,
        ["m5.2xlarge"] = 0.384m,
        ["m5.4xlarge"] = 0.768m,
        ["c5.large"] = 0.085m,
        ["c5.xlarge"] = 0.17m,
        ["c5.2xlarge"] = 0.34m,
        ["r5.large"] = 0.126m,
        ["r5.xlarge"] = 0.252m,
        ["r5.2xlarge"] = 0.504m,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, decimal> AzureVm = new Dictionary<string, decimal>
    {
        ["Standard_B2s"] = 0.0416m,
        ["Standard_B2ms"] = 0.0832m,
        ["Standard_D2s_v5"] = 0.096m,
        ["Standard_D4s_v5"] = 0.192m,
        ["Standard_D8s_v5"] = 0.384m,
        ["Standard_E2s_v5"] = 0.126m,
        ["Standard_E4s_v5"] = 0.252m,
        ["Standard_F2s_v2"] = 0.0846m,
        ["Standard_F4s_v2"] = 0.169m,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Per GB-month.
    private static readonly FrozenDictionary<string, decimal> Storage = new Dictionary<string, decimal>
    {
        ["gp3"] = 0.08m,
        ["gp2"] = 0.10m,
        ["io2"] = 0.125m,
        ["Premium_LRS"] = 0.132m,
        ["StandardSSD_LRS"] = 0.075m,
        ["Standard_LRS"] = 0.045m,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Application load balancer hourly charge (LCUs not included).</summary>
    public decimal LoadBalancerPerHour => 0.0225m;

    /// <summary>Data transfer out to the internet, per GB.</summary>
    public decimal EgressPerGb => 0.09m;

    /// <summary>EC2 instance types with a price.</summary>
    public IReadOnlyCollection<string> InstanceTypes => Ec2.Keys;

    /// <summary>Azure VM sizes with a price.</summary>
    public IReadOnlyCollection<string> VmSizes => AzureVm.Keys;

    /// <summary>Hourly price of an EC2 instance type (also used for Kubernetes nodes).</summary>
    public decimal InstancePerHour(string instanceType) =>
        Ec2.TryGetValue(instanceType, out var p) ? p : throw new KeyNotFoundException($"No price for EC2 instance type '{instanceType}'.");

    /// <summary>Hourly price of an Azure VM size.</summary>
    public decimal VmPerHour(string size) =>
        AzureVm.TryGetValue(size, out var p) ? p : throw new KeyNotFoundException($"No price for Azure VM size '{size}'.");

    /// <summary>Hourly price of a volume of <paramref name="sizeGb"/> GB of <paramref name="volumeType"/>.</summary>
    public decimal VolumePerHour(string volumeType, int sizeGb) =>
        Storage.TryGetValue(volumeType, out var p)
            ? Math.Round(p * sizeGb / HoursPerMonth, 6)
            : throw new KeyNotFoundException($"No price for volume type '{volumeType}'.");

    /// <summary>Whether <paramref name="size"/> is a known size for a machine of <paramref name="kind"/>.</summary>
    public bool IsKnownSize(string kind, string size) => kind switch
    {
        ResourceKinds.Ec2Instance or ResourceKinds.Node => Ec2.ContainsKey(size),
        ResourceKinds.AzureVm => AzureVm.ContainsKey(size),
        _ => false,
    };

    /// <summary>Hourly price of a machine of <paramref name="kind"/> and <paramref name="size"/>.</summary>
    public decimal MachinePerHour(string kind, string size) =>
        kind == ResourceKinds.AzureVm ? VmPerHour(size) : InstancePerHour(size);

    /// <summary>Relative compute capacity of a size (vCPUs), used to scale CPU load on resize.</summary>
    public static int VCpus(string size)
    {
        ArgumentNullException.ThrowIfNull(size);
        if (size.StartsWith("Standard_", StringComparison.Ordinal))
        {
            var digits = new string(size.Skip("Standard_".Length + 1).TakeWhile(char.IsDigit).ToArray());
            return int.TryParse(digits, out var n) ? n : 2;
        }

        var suffix = size[(size.IndexOf('.', StringComparison.Ordinal) + 1)..];
        return suffix switch
        {
            "small" or "medium" or "large" => 2,
            "xlarge" => 4,
            "2xlarge" => 8,
            "4xlarge" => 16,
            _ => 2,
        };
    }
}
