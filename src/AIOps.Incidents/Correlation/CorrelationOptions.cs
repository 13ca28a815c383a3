namespace AIOps.Incidents.Correlation;

/// <summary>How alerts are folded into incidents. The defaults are the settings used everywhere.</summary>
public sealed record CorrelationOptions
{
    /// <summary>An alert joins an incident only if the incident saw a new alert within this window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Topology paths longer than this (in edges) do not relate two resources.</summary>
    public int MaxHops { get; init; } = 2;

    /// <summary>Smallest relatedness (0..1) for an alert to join an incident.</summary>
    public double JoinThreshold { get; init; } = 0.5;

    /// <summary>Smallest Jaccard similarity of identifying labels that relates two alerts without topology.</summary>
    public double LabelSimilarity { get; init; } = 0.6;

    /// <summary>Smallest similarity of two resources' error log templates that relates them without topology.</summary>
    public double TemplateSimilarity { get; init; } = 0.6;

    /// <summary>A group becomes an incident once its alerts were notified this many times in all...</summary>
    public int MinOccurrences { get; init; } = 1;

    /// <summary>...or once its first alert has been firing this long (whichever comes first); zero opens at once.</summary>
    public TimeSpan MinDuration { get; init; } = TimeSpan.Zero;

    /// <summary>Alerts of these severities open incidents at once whatever the conditions above say.</summary>
    public bool CriticalOpensAtOnce { get; init; } = true;

    /// <summary>Window in which state changes of one alert are counted for flap detection.</summary>
    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>An alert that changed state this many times within <see cref="FlapWindow"/> is flapping.</summary>
    public int FlapTransitions { get; init; } = 6;

    /// <summary>A resolved incident whose alert fires again within this time is reopened; later, a new incident links to it.</summary>
    public TimeSpan ReopenWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Label names that identify where an alert comes from (compared for label similarity).</summary>
    public IReadOnlyList<string> IdentifyingLabels { get; init; } =
        ["namespace", "service", "deployment", "job", "cluster", "app", "node", "instance", "pod", "container", "dimension.InstanceId", "component", "group"];
}
