namespace AIOps.Incidents.Correlation;

/// <summary>What correlation and root-cause analysis need to know about the estate's topology.</summary>
public interface ITopologyView
{
    /// <summary>The resource's kind (e.g. <c>node</c>, <c>pod</c>), or null if the resource is unknown.</summary>
    string? KindOf(string resourceId);

    /// <summary>What the resource depends on (its outgoing edges: a pod's node, a deployment's pods, a machine's volume).</summary>
    IReadOnlyCollection<string> DependenciesOf(string resourceId);

    /// <summary>What depends on the resource (its incoming edges).</summary>
    IReadOnlyCollection<string> DependentsOf(string resourceId);

    /// <summary>The resource's environment (<c>prod</c>, <c>staging</c>, <c>dev</c>...), or null.</summary>
    string? EnvironmentOf(string resourceId);
}
