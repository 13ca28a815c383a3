using System.Collections.Immutable;
using AIOps.Abstractions.Agents;

namespace AIOps.Abstractions.Orchestration;

/// <summary>Rules that hold for every agent: change freezes, blast radius, per-environment strictness.</summary>
/// <param name="FreezeWindows">Change freezes.</param>
/// <param name="MaxBlastRadius">Most resources one action may touch, dependents included; above it the action is denied.</param>
/// <param name="Environments">Per-environment rules; an environment without a rule is treated like <see cref="UnknownEnvironment"/>.</param>
/// <param name="UnknownEnvironment">Environment assumed for resources without an environment tag.</param>
/// <param name="PriorityOrder">Agent types from highest to lowest priority when two actions want the same resource.</param>
/// <param name="ApprovalExpiry">How long approvers have before an action expires.</param>
/// <param name="ApprovalEscalation">When a still-pending request escalates; null for never.</param>
/// <param name="LeaseDuration">How long an action's lease on a resource lasts without renewal.</param>
[GenerateSerializer, Immutable, Alias("aiops.platform-policy")]
public sealed record PlatformPolicy(
    [property: Id(0)] ImmutableArray<FreezeWindow> FreezeWindows,
    [property: Id(1)] int MaxBlastRadius,
    [property: Id(2)] ImmutableArray<EnvironmentRule> Environments,
    [property: Id(3)] string UnknownEnvironment,
    [property: Id(4)] ImmutableArray<AgentType> PriorityOrder,
    [property: Id(5)] TimeSpan ApprovalExpiry,
    [property: Id(6)] TimeSpan? ApprovalEscalation,
    [property: Id(7)] TimeSpan LeaseDuration)
{
    /// <summary>Default conflict order: incident response, then Kubernetes scaling, Terraform drift repair, cost optimisation.</summary>
    public static ImmutableArray<AgentType> DefaultPriorityOrder { get; } =
        [AgentType.IncidentResponse, AgentType.Kubernetes, AgentType.Terraform, AgentType.CostOptimization];

    /// <summary>The lease priority of an agent type: higher wins; types not listed come last.</summary>
    public int PriorityOf(AgentType type)
    {
        var order = PriorityOrder.IsDefaultOrEmpty ? DefaultPriorityOrder : PriorityOrder;
        var index = order.IndexOf(type);
        return index < 0 ? 0 : order.Length - index;
    }

    /// <summary>The defaults: production is strict, staging looser, development loosest; untagged counts as production.</summary>
    public static PlatformPolicy Default { get; } = new(
        [],
        MaxBlastRadius: 50,
        [
            new EnvironmentRule("production", RiskLevel.Low),
            new EnvironmentRule("staging", RiskLevel.High),
            new EnvironmentRule("development", RiskLevel.Critical),
        ],
        "production",
        DefaultPriorityOrder,
        ApprovalExpiry: TimeSpan.FromHours(1),
        ApprovalEscalation: TimeSpan.FromMinutes(30),
        LeaseDuration: TimeSpan.FromMinutes(5));
}
