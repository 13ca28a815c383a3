using System.Collections.Immutable;

namespace AIOps.Abstractions.Agents;

/// <summary>One version of an agent's configuration: what it was, who set it, when, and what changed.</summary>
/// <param name="Version">1 for the first configuration, then +1 per change.</param>
/// <param name="Config">The configuration as of this version.</param>
/// <param name="ChangedBy">User or component that made the change.</param>
/// <param name="ChangedAt">When.</param>
/// <param name="Changes">One line per changed field, e.g. <c>automationLevel: manual → semi-auto</c>.</param>
[GenerateSerializer, Immutable, Alias("aiops.agent-config-version")]
public sealed record AgentConfigVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] AgentConfig Config,
    [property: Id(2)] string ChangedBy,
    [property: Id(3)] DateTimeOffset ChangedAt,
    [property: Id(4)] ImmutableArray<string> Changes);
