namespace AIOps.Abstractions;

/// <summary>The platform's roles, from least to most privileged.</summary>
public static class Roles
{
    /// <summary>Reads everything.</summary>
    public const string Viewer = "viewer";

    /// <summary>Acts on incidents and agents.</summary>
    public const string Operator = "operator";

    /// <summary>Approves or rejects risky actions.</summary>
    public const string Approver = "approver";

    /// <summary>Everything, including configuration.</summary>
    public const string Admin = "admin";
}
