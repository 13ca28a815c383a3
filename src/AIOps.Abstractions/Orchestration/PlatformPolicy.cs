using System.Collections.Immutable;

namespace AIOps.Abstractions.Orchestration;

/// <summary>Rules that hold for every agent: change freezes, blast radius, per-environment strictness.</summary>
/// <param name="FreezeWindows">Change freezes.</param>
/// <param name="MaxBlastRadius">Most resources one action may touch, dependents included; above it the action is denied.</param>
/// <param name="Environments">Per-environment rules; an environment without a rule is treated like <see cref="UnknownEnvironment"/>.</param>
/// <param name="UnknownEnvironment">Environment assumed for resources without an environment tag.</param>
[GenerateSerializer, Immutable, Alias("aiops.platform-policy")]
public sealed record PlatformPolicy(
    [property: Id(0)] ImmutableArray<FreezeWindow> FreezeWindows,
    [property: Id(1)] int MaxBlastRadius,
    [property: Id(2)] ImmutableArray<EnvironmentRule> Environments,
    [property: Id(3)] string UnknownEnvironment)
{
    /// <summary>The defaults: production is strict, staging looser, development loosest; untagged counts as production.</summary>
    public static PlatformPolicy Default { get; } = new(
        [],
        MaxBlastRadius: 50,
        [
            new EnvironmentRule("production", RiskLevel.Low),
            new EnvironmentRule("staging", RiskLevel.High),
            new EnvironmentRule("development", RiskLevel.Critical),
        ],
        "production");
}
