using System.ComponentModel.DataAnnotations;

namespace AIOps.Hosting;

/// <summary>Silo settings, section <c>AIOps</c>. The PostgreSQL connection string is <c>ConnectionStrings:aiops</c>.</summary>
public sealed class AIOpsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "AIOps";

    /// <summary>Name of the connection string that turns on durable mode.</summary>
    public const string ConnectionStringName = "aiops";

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "AIOps:ClusterId must be 1-64 letters, digits, '.', '_' or '-'.")]
    public string ClusterId { get; set; } = "aiops";

    /// <summary>Identifies the service across deployments; grain state is keyed by it, so never change it.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "AIOps:ServiceId must be 1-64 letters, digits, '.', '_' or '-'.")]
    public string ServiceId { get; set; } = "aiops";

    /// <summary>Port for silo-to-silo traffic.</summary>
    [Range(1, 65535, ErrorMessage = "AIOps:SiloPort must be between 1 and 65535.")]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (the SDK) connect to.</summary>
    [Range(1, 65535, ErrorMessage = "AIOps:GatewayPort must be between 1 and 65535.")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos and clients reach this silo at; loopback unless set (Kubernetes: the pod IP).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Apply deploy/sql at start in durable mode (the <c>migrate</c> command does it explicitly).</summary>
    public bool ApplySchemaOnStart { get; set; } = true;

    /// <summary>Create the four default agents when they do not exist.</summary>
    public bool SeedDefaultAgents { get; set; } = true;
}
