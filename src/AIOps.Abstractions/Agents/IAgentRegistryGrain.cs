namespace AIOps.Abstractions.Agents;

/// <summary>The set of configured agent ids, so agents can be listed. One per cluster, key <see cref="Key"/>.</summary>
[Alias("aiops.agent-registry")]
public interface IAgentRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one key this grain is used with.</summary>
    const string Key = "all";

    /// <summary>Adds an agent id; adding it twice changes nothing.</summary>
    [Alias("add")] Task AddAsync(string agentId);

    /// <summary>All registered agent ids in order.</summary>
    [Alias("list")] Task<IReadOnlyList<string>> ListAsync();
}
