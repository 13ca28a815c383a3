namespace AIOps.Abstractions;

/// <summary>How bad an event or incident is.</summary>
public enum Severity
{
    /// <summary>Informational; no one needs to act soon.</summary>
    Low = 0,

    /// <summary>Worth a look within working hours.</summary>
    Medium = 1,

    /// <summary>Hurts users or money now; act soon.</summary>
    High = 2,

    /// <summary>An outage or data at risk; act now.</summary>
    Critical = 3,
}
