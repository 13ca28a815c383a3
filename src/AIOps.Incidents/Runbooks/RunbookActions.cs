using AIOps.Abstractions;

namespace AIOps.Incidents.Runbooks;

/// <summary>The step actions a runbook may use.</summary>
public static class RunbookActions
{
    /// <summary>Change the replica count (<c>replicas</c>).</summary>
    public const string Scale = "scale";

    /// <summary>Restart (rollout restart, reboot).</summary>
    public const string Restart = "restart";

    /// <summary>Roll a deployment back (optional <c>revision</c>).</summary>
    public const string Rollback = "rollback";

    /// <summary>Resize a machine or grow a volume (<c>size</c>).</summary>
    public const string Resize = "resize";

    /// <summary>Stop a machine.</summary>
    public const string Stop = "stop";

    /// <summary>Delete a resource.</summary>
    public const string Delete = "delete";

    /// <summary>Run a command through an integration over HTTP.</summary>
    public const string Command = "command";

    /// <summary>Wait until a metric condition holds.</summary>
    public const string Wait = "wait";

    /// <summary>Post a notification to a webhook integration.</summary>
    public const string Notify = "notify";

    /// <summary>Every action, in documentation order.</summary>
    public static readonly IReadOnlyList<string> All = [Scale, Restart, Rollback, Resize, Stop, Delete, Command, Wait, Notify];

    /// <summary>Actions that change the estate and go through the orchestrator as agent actions.</summary>
    public static readonly IReadOnlyList<string> EstateActions = [Scale, Restart, Rollback, Resize, Stop, Delete];

    /// <summary>Whether the action changes the estate through the orchestrator.</summary>
    public static bool IsEstateAction(string action) => EstateActions.Contains(action);

    /// <summary>Risk of an action before prediction: scale low; restart, rollback, resize and command medium; stop high; delete critical.</summary>
    public static RiskLevel DefaultRisk(string action) => action switch
    {
        Scale => RiskLevel.Low,
        Stop => RiskLevel.High,
        Delete => RiskLevel.Critical,
        _ => RiskLevel.Medium,
    };
}
