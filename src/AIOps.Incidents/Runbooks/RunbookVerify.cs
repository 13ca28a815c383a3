namespace AIOps.Incidents.Runbooks;

/// <summary>The condition a <c>wait</c> step waits for: <c>metric comparison threshold</c> on the target, checked every <see cref="Every"/> until it holds or <see cref="Within"/> runs out.</summary>
/// <param name="Metric">Metric name, e.g. <c>aiops_node_ready</c>.</param>
/// <param name="Comparison">How the value compares with the threshold.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Within">How long to wait at most.</param>
/// <param name="Every">How often to look.</param>
/// <param name="Over">Which series: <see cref="VerifyScope.Target"/> (the target's own) or <see cref="VerifyScope.Dependencies"/> (every resource the target depends on that reports the metric, e.g. a deployment's pods); the condition must hold for all.</param>
public sealed record RunbookVerify(string Metric, Comparison Comparison, double Threshold, TimeSpan Within, TimeSpan Every, VerifyScope Over);
