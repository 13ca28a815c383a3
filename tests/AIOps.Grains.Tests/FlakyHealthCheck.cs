using System.Collections.Concurrent;
using AIOps.Abstractions.Agents;
using AIOps.Grains.Agents;

namespace AIOps.Grains.Tests;

/// <summary>A health check the tests switch on and off per agent; it concerns agents whose id starts with <see cref="Prefix"/>.</summary>
internal sealed class FlakyHealthCheck : IAgentHealthCheck
{
    public const string Prefix = "flaky-";

    public static readonly ConcurrentDictionary<string, string> Failing = new(StringComparer.Ordinal);

    public string Name => "fake-integration";

    public bool AppliesTo(AgentConfig agent) => agent.Id.StartsWith(Prefix, StringComparison.Ordinal);

    public Task<string?> CheckAsync(AgentConfig agent, CancellationToken cancellationToken) =>
        Task.FromResult(Failing.TryGetValue(agent.Id, out var problem) ? problem : null);
}
