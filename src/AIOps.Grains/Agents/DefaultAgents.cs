using System.Collections.Immutable;
using AIOps.Abstractions.Agents;

namespace AIOps.Grains.Agents;

/// <summary>The four agents every installation starts with, in manual mode until someone decides otherwise.</summary>
public static class DefaultAgents
{
    /// <summary>Default configurations, stamped with <paramref name="now"/>.</summary>
    public static IReadOnlyList<AgentConfig> Create(DateTimeOffset now) =>
    [
        Config("terraform", "Terraform", AgentType.Terraform, now, ("drift.risk.autoApply", 0.2)),
        Config("kubernetes", "Kubernetes", AgentType.Kubernetes, now, ("cpu.target", 0.7), ("memory.target", 0.8)),
        Config("incident-response", "Incident Response", AgentType.IncidentResponse, now, ("correlation.windowSeconds", 300)),
        Config("cost-optimization", "Cost Optimization", AgentType.CostOptimization, now, ("idle.cpuBelow", 0.05), ("anomaly.zScore", 3)),
    ];

    private static AgentConfig Config(string id, string name, AgentType type, DateTimeOffset now, params (string Key, double Value)[] thresholds) =>
        new(id, name, type, Enabled: true, AutomationLevel.Manual,
            thresholds.ToImmutableDictionary(t => t.Key, t => t.Value), ApprovalRequired: true, [], now, now);
}
