namespace AIOps.Abstractions.Resources;

/// <summary>The health of a managed resource as last observed.</summary>
public enum ResourceHealth
{
    /// <summary>Not observed yet.</summary>
    Unknown = 0,

    /// <summary>Working normally.</summary>
    Healthy = 1,

    /// <summary>Working, but impaired.</summary>
    Degraded = 2,

    /// <summary>Not working.</summary>
    Unhealthy = 3,
}
