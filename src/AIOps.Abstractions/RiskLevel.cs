namespace AIOps.Abstractions;

/// <summary>How much damage an action could do if it goes wrong.</summary>
public enum RiskLevel
{
    /// <summary>Reversible and local.</summary>
    Low = 0,

    /// <summary>Reversible, but touches something users feel.</summary>
    Medium = 1,

    /// <summary>Hard to reverse or touches many resources.</summary>
    High = 2,

    /// <summary>Destructive or estate-wide.</summary>
    Critical = 3,
}
