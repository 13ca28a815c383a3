namespace AIOps.Incidents.Context;

/// <summary>Tells changes made to a resource (rollouts, configuration, resizes, terminations) from other events.</summary>
public static class ChangeDetector
{
    // Verbs of control-plane APIs and audit logs (Kubernetes reasons, CloudTrail event names, Azure operations).
    private static readonly string[] ChangeReasonPrefixes =
        ["Scaling", "Modify", "Update", "Patch", "Put", "Create", "Delete", "Terminate", "Detach", "Attach", "Stop", "Start", "Reboot", "Resize", "Rollout", "Rollback", "Deploy", "Set", "Replace"];

    private static readonly string[] AzureOperationSuffixes = ["/write", "/delete", "/action"];

    // Log lines that announce a change: deployments, configuration reloads, feature flags.
    private static readonly string[] ChangeLogPhrases =
        ["rolling out", "rolled out", "deploying", "deployed", "config reload", "configuration reload", "feature flag", "changed to", "enabled for", "upgraded", "migrated"];

    private static readonly string[] LifecycleReasons = ["Scheduled", "Pulled", "Pulling", "Started", "Created", "Killing", "SuccessfulCreate", "SuccessfulDelete"];

    /// <summary>Whether an event with this reason records a change made to the resource.</summary>
    public static bool IsChangeReason(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (LifecycleReasons.Contains(reason, StringComparer.Ordinal))
        {
            return false;
        }

        return ChangeReasonPrefixes.Any(p => reason.StartsWith(p, StringComparison.Ordinal) && (reason.Length == p.Length || char.IsUpper(reason[p.Length])))
            || AzureOperationSuffixes.Any(s => reason.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether a log line announces a change.</summary>
    public static bool IsChangeLog(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ChangeLogPhrases.Any(p => message.Contains(p, StringComparison.OrdinalIgnoreCase));
    }
}
