using System.Collections.Immutable;
using AIOps.Abstractions.Orchestration;

namespace AIOps.Grains.Orchestration;

/// <summary>Stored state of the orchestrator.</summary>
[GenerateSerializer, Alias("aiops.orchestrator-state")]
public sealed class OrchestratorState
{
    /// <summary>Null until first changed: the defaults apply.</summary>
    [Id(0)] public PlatformPolicy? Policy { get; set; }

    /// <summary>Default until first changed.</summary>
    [Id(1)] public ImmutableArray<RoutingRule>? Rules { get; set; }

    [Id(2)] public int RulesVersion { get; set; }

    /// <summary>Approved actions waiting for a resource, by resource id, in arrival order.</summary>
    [Id(3)] public Dictionary<string, List<string>> Queued { get; set; } = [];
}
