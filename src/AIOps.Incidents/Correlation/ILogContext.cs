namespace AIOps.Incidents.Correlation;

/// <summary>What the resources logged and reported recently: log templates and events, for correlation and root-cause analysis.</summary>
public interface ILogContext
{
    /// <summary>Templates of the resource's warning and error log lines within <paramref name="window"/> before <paramref name="at"/>.</summary>
    IReadOnlyCollection<string> ErrorTemplates(string resourceId, DateTimeOffset at, TimeSpan window);

    /// <summary>The resource's events (changes and warnings) within <paramref name="window"/> before <paramref name="at"/>, oldest first.</summary>
    IReadOnlyList<ContextEvent> Events(string resourceId, DateTimeOffset at, TimeSpan window);
}

/// <summary>An event about a resource: a Kubernetes event, a cloud audit record, a deployment, a notable log line.</summary>
/// <param name="ResourceId">The resource.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Machine-readable reason, e.g. <c>ScalingReplicaSet</c>, <c>NodeNotReady</c>, <c>ModifyInstanceAttribute</c>.</param>
/// <param name="Warning">True for warnings (Kubernetes type Warning, error logs).</param>
/// <param name="Change">True when it records a change made to the resource (rollout, configuration, resize, termination).</param>
/// <param name="Message">Human-readable text.</param>
public sealed record ContextEvent(string ResourceId, DateTimeOffset At, string Reason, bool Warning, bool Change, string Message);
