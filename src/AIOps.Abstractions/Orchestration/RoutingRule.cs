using System.Collections.Immutable;

namespace AIOps.Abstractions.Orchestration;

/// <summary>Which events an agent receives. Rules are data: the orchestrator stores them and any silo's router applies them.</summary>
/// <param name="Id">Rule id, unique among the rules.</param>
/// <param name="AgentId">Agent that receives matching events.</param>
/// <param name="EventTypes">Event types to match: exact (<c>alert.firing</c>) or prefix with <c>*</c> (<c>alert.*</c>); empty matches all.</param>
/// <param name="Sources">Event sources to match exactly; empty matches all.</param>
/// <param name="ResourcePrefix">Only events about resources whose id starts with this (<c>k8s:</c>); null matches all, including events about no resource.</param>
/// <param name="MinSeverity">Only events at least this severe.</param>
[GenerateSerializer, Immutable, Alias("aiops.routing-rule")]
public sealed record RoutingRule(
    [property: Id(0)] string Id,
    [property: Id(1)] string AgentId,
    [property: Id(2)] ImmutableArray<string> EventTypes,
    [property: Id(3)] ImmutableArray<string> Sources,
    [property: Id(4)] string? ResourcePrefix,
    [property: Id(5)] Severity MinSeverity = Severity.Low);
