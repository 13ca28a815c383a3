using System.ComponentModel.DataAnnotations;

namespace AIOps.Client;

/// <summary>How the SDK finds the cluster; configuration section <see cref="SectionName"/>.</summary>
public sealed class AIOpsClientOptions : IValidatableObject
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "AIOpsClient";

    /// <summary>The cluster's <c>AIOps:ClusterId</c>.</summary>
    [Required]
    public string ClusterId { get; set; } = "aiops";

    /// <summary>The cluster's <c>AIOps:ServiceId</c>.</summary>
    [Required]
    public string ServiceId { get; set; } = "aiops";

    /// <summary>Gateway endpoints as <c>host:port</c> (e.g. <c>127.0.0.1:30000</c>); used when <see cref="ConnectionString"/> is not set.</summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>The cluster's PostgreSQL connection string: gateways are then read from the membership table, so the client follows the cluster as silos come and go.</summary>
    public string? ConnectionString { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && Gateways.Count == 0)
        {
            yield return new ValidationResult(
                $"{SectionName}: set ConnectionString (durable clusters) or at least one entry in Gateways (host:port).",
                [nameof(Gateways), nameof(ConnectionString)]);
        }

        foreach (var gateway in Gateways)
        {
            if (!GatewayAddress.TryParse(gateway, out _))
            {
                yield return new ValidationResult($"{SectionName}:Gateways entry '{gateway}' is not host:port.", [nameof(Gateways)]);
            }
        }
    }
}
