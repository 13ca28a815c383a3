namespace AIOps.Abstractions.Events;

/// <summary>Event types the core grains understand.</summary>
public static class EventTypes
{
    /// <summary>A fresh observation of a resource: <see cref="SystemEvent.Data"/> holds observed attributes, and <c>health</c> if known.</summary>
    public const string ResourceObserved = "resource.observed";

    /// <summary>An alert started firing (or fires again).</summary>
    public const string AlertFiring = "alert.firing";

    /// <summary>An alert stopped firing.</summary>
    public const string AlertResolved = "alert.resolved";

    /// <summary>A Kubernetes-style event (reason, involved object, message).</summary>
    public const string KubernetesEvent = "k8s.event";

    /// <summary>A log line of a resource: <see cref="SystemEvent.Data"/> holds <c>level</c> and <c>message</c>.</summary>
    public const string LogLine = "log.line";
}
