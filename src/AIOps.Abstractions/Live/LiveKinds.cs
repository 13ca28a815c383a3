namespace AIOps.Abstractions.Live;

/// <summary>Kinds of live update.</summary>
public static class LiveKinds
{
    /// <summary>An incident was opened or changed.</summary>
    public const string Incident = "incident";

    /// <summary>An agent's status changed.</summary>
    public const string Agent = "agent";

    /// <summary>An agent action changed.</summary>
    public const string Action = "action";

    /// <summary>An approval request changed.</summary>
    public const string Approval = "approval";

    /// <summary>A managed resource was added, changed (health, cost per hour or its declaration) or deleted.</summary>
    public const string Resource = "resource";
}
