using AIOps.Abstractions.Agents;
using AIOps.Grains.Agents;

namespace AIOps.Silo.Hosting;

/// <summary>Creates and starts the four default agents when they do not exist; existing ones are left as they are.</summary>
internal sealed class DefaultAgentSeeder(IGrainFactory grains, TimeProvider clock, StartupGate gate) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        foreach (var config in DefaultAgents.Create(clock.GetUtcNow()))
        {
            await grains.GetGrain<IAgentGrain>(config.Id).EnsureConfiguredAsync(config, start: true);
        }

        gate.Open();
    }
}
