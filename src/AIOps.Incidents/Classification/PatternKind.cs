namespace AIOps.Incidents.Classification;

/// <summary>What part of the evidence a catalog pattern looks at.</summary>
public enum PatternKind
{
    /// <summary>An alert name; <c>*</c> matches any run of characters (<c>*CostAnomaly*</c>).</summary>
    AlertName,

    /// <summary>A label as <c>key=value</c>; the value may use <c>*</c>.</summary>
    Label,

    /// <summary>A Kubernetes-style or cloud audit event reason (<c>NodeNotReady</c>, <c>DetachVolume</c>); may use <c>*</c>.</summary>
    EventReason,

    /// <summary>A phrase that occurs in a log template (case-insensitive substring).</summary>
    LogKeyword,

    /// <summary>A resource kind of the affected resources (<c>node</c>, <c>ebs-volume</c>).</summary>
    ResourceKind,
}
