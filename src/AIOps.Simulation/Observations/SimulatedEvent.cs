namespace AIOps.Simulation.Observations;

/// <summary>A Kubernetes-style event (cloud audit events use the same shape with their own source).</summary>
/// <param name="Sequence">Position in the estate's event log (increasing).</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
/// <param name="Reason">Machine-readable reason, e.g. <c>NodeNotReady</c>, <c>BackOff</c>, <c>Scheduled</c>.</param>
/// <param name="InvolvedObject">The object, as <c>Kind/namespace/name</c> (or <c>Kind/name</c> for cluster-scoped ones).</param>
/// <param name="ResourceId">Platform id of the involved resource.</param>
/// <param name="Message">Human-readable message.</param>
/// <param name="Source">Who reported it: <c>kubelet</c>, <c>node-controller</c>, <c>deployment-controller</c>, <c>cloudtrail</c>...</param>
public sealed record SimulatedEvent(
    long Sequence,
    DateTimeOffset Timestamp,
    string Type,
    string Reason,
    string InvolvedObject,
    string ResourceId,
    string Message,
    string Source) : IObservation;
