using System.Collections.Immutable;

namespace AIOps.Incidents.Evidence;

/// <summary>Everything known about one incident that classification, severity and runbook selection read.</summary>
/// <param name="Alerts">Its alerts, oldest first.</param>
/// <param name="LogTemplates">Templates of the log lines of its resources around the incident (from the online parser), most frequent first.</param>
/// <param name="EventReasons">Reasons of the Kubernetes-style events on its resources (e.g. <c>NodeNotReady</c>, <c>BackOff</c>).</param>
/// <param name="ResourceKinds">Kinds of its affected resources.</param>
public sealed record IncidentEvidence(
    ImmutableArray<AlertFacts> Alerts,
    ImmutableArray<string> LogTemplates,
    ImmutableArray<string> EventReasons,
    ImmutableArray<string> ResourceKinds);
