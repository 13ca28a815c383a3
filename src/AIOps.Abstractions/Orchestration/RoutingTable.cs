using System.Collections.Immutable;

namespace AIOps.Abstractions.Orchestration;

/// <summary>The routing rules in force and their version (routers reload when it changes).</summary>
/// <param name="Rules">The rules.</param>
/// <param name="Version">Increases with every change.</param>
[GenerateSerializer, Immutable, Alias("aiops.routing-table")]
public sealed record RoutingTable(
    [property: Id(0)] ImmutableArray<RoutingRule> Rules,
    [property: Id(1)] int Version)
{
    /// <summary>The rules a new installation starts with: each agent hears about its own domain.</summary>
    public static ImmutableArray<RoutingRule> Defaults { get; } =
    [
        new("incident-response.alerts", "incident-response", ["alert.*", "log.*", "k8s.event.*"], [], null),
        new("kubernetes.workloads", "kubernetes", ["metric.*", "k8s.*", "resource.*"], [], "k8s:"),
        new("terraform.drift", "terraform", ["terraform.*", "drift.*", "resource.*"], [], "tf:"),
        new("cost-optimization.spend", "cost-optimization", ["cost.*", "billing.*", "metric.*"], [], null),
    ];
}
