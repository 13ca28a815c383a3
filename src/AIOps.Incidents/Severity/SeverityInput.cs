using AIOps.Abstractions;

namespace AIOps.Incidents.Impact;

/// <summary>What severity is assessed from.</summary>
/// <param name="AffectedResources">Resources the incident touches directly.</param>
/// <param name="TransitiveDependents">Further resources that depend on them, directly or transitively (the caller counts them from the topology).</param>
/// <param name="Environment">Where they run; the most important one when they span several.</param>
/// <param name="HighestSourceSeverity">The highest severity any of its alerts came with.</param>
/// <param name="AvailabilityLost">Something stopped serving (a target down, a node not ready, a probe failing).</param>
/// <param name="ErrorObjectiveBreached">Requests fail beyond what is tolerated (error-rate or SLO burn-rate alert).</param>
/// <param name="LatencyObjectiveBreached">Requests are slower than tolerated (latency alert).</param>
/// <param name="ErrorRatio">Measured share of failing requests, when known (0..1).</param>
public sealed record SeverityInput(
    int AffectedResources,
    int TransitiveDependents,
    DeploymentEnvironment Environment,
    Severity HighestSourceSeverity,
    bool AvailabilityLost = false,
    bool ErrorObjectiveBreached = false,
    bool LatencyObjectiveBreached = false,
    double? ErrorRatio = null);
