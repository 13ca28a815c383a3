namespace AIOps.Simulation.Estate;

/// <summary>The kinds of resource the simulated estate has (the <c>Kind</c> of their specs).</summary>
public static class ResourceKinds
{
    /// <summary>An AWS EC2 instance.</summary>
    public const string Ec2Instance = "ec2-instance";

    /// <summary>An AWS EBS volume.</summary>
    public const string EbsVolume = "ebs-volume";

    /// <summary>An AWS application load balancer.</summary>
    public const string LoadBalancer = "load-balancer";

    /// <summary>An Azure virtual machine.</summary>
    public const string AzureVm = "vm";

    /// <summary>An Azure managed disk.</summary>
    public const string ManagedDisk = "managed-disk";

    /// <summary>A Kubernetes node.</summary>
    public const string Node = "node";

    /// <summary>A Kubernetes deployment.</summary>
    public const string Deployment = "deployment";

    /// <summary>A Kubernetes pod.</summary>
    public const string Pod = "pod";

    /// <summary>A Kubernetes service.</summary>
    public const string Service = "service";

    /// <summary>A Terraform-managed <c>aws_instance</c>.</summary>
    public const string TerraformInstance = "aws_instance";

    /// <summary>A Terraform-managed <c>aws_ebs_volume</c>.</summary>
    public const string TerraformVolume = "aws_ebs_volume";

    /// <summary>Whether the kind is a machine (EC2 instance or Azure VM).</summary>
    public static bool IsMachine(string kind) => kind is Ec2Instance or AzureVm;

    /// <summary>Whether the kind is a block volume (EBS volume or managed disk).</summary>
    public static bool IsVolume(string kind) => kind is EbsVolume or ManagedDisk;
}
