namespace AIOps.Simulation.Metrics;

/// <summary>A Prometheus-style alerting rule over the simulated metrics.</summary>
/// <param name="Name">Alert name.</param>
/// <param name="Severity"><c>warning</c> or <c>critical</c>.</param>
/// <param name="Kinds">Resource kinds it applies to.</param>
/// <param name="For">How long the condition must hold before the alert fires.</param>
/// <param name="Condition">The condition, given the resource, the time and its metric values.</param>
/// <param name="Summary">Summary annotation.</param>
internal sealed record AlertRule(string Name, string Severity, string[] Kinds, TimeSpan For, Func<Estate.SimResource, DateTimeOffset, MetricValues, bool> Condition, string Summary);
