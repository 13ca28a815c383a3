namespace AIOps.Abstractions.Orchestration;

/// <summary>How strict one environment is.</summary>
/// <param name="Environment">Environment name as resources are tagged (<c>env</c> or <c>environment</c> tag).</param>
/// <param name="MaxAutomaticRisk">Highest risk that may run without approval here, whatever the agent's automation level.</param>
/// <param name="DenyFromRisk">Risk from which actions are refused outright here, if any.</param>
[GenerateSerializer, Immutable, Alias("aiops.environment-rule")]
public sealed record EnvironmentRule(
    [property: Id(0)] string Environment,
    [property: Id(1)] RiskLevel MaxAutomaticRisk,
    [property: Id(2)] RiskLevel? DenyFromRisk = null);
