namespace AIOps.Grains.Agents;

/// <summary>Stored set of agent ids.</summary>
[GenerateSerializer, Alias("aiops.agent-registry-state")]
public sealed class AgentRegistryState
{
    [Id(0)] public List<string> AgentIds { get; set; } = [];
}
