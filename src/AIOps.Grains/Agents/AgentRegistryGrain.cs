using AIOps.Abstractions;
using AIOps.Abstractions.Agents;

namespace AIOps.Grains.Agents;

/// <summary>The set of configured agents, so they can be listed without knowing their ids.</summary>
public sealed class AgentRegistryGrain(
    [PersistentState("agent-registry", StorageNames.Grains)] IPersistentState<AgentRegistryState> state)
    : Grain, IAgentRegistryGrain
{
    /// <inheritdoc />
    public async Task AddAsync(string agentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        var ids = state.State.AgentIds;
        var at = ids.BinarySearch(agentId, StringComparer.Ordinal);
        if (at < 0)
        {
            ids.Insert(~at, agentId);
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.AgentIds]);
}
