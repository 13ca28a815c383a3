using System.Collections.Immutable;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Audit;
using AIOps.Grains.Agents;

namespace AIOps.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AgentHealthTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AnAgentFailingItsChecksIsDegradedRestartedWithGrowingBackoffAndRecovers()
    {
        var id = FlakyHealthCheck.Prefix + Guid.NewGuid().ToString("N");
        var agent = fixture.Client.GetGrain<IAgentGrain>(id);
        await agent.ConfigureAsync(AgentGrainTests.Config(id), "alice");
        await agent.StartAsync();
        Assert.True((await StreamTests.EventuallyAsync(agent.GetStatusAsync, s => s.Health?.LastCheckedAt is not null)).Health!.Healthy);

        FlakyHealthCheck.Failing[id] = "connection refused";
        var degraded = await StreamTests.EventuallyAsync(agent.GetStatusAsync, s => s.Lifecycle == AgentLifecycle.Degraded, TimeSpan.FromSeconds(10));
        Assert.Equal(AgentLifecycle.Degraded, degraded.Lifecycle);
        Assert.Equal(["fake-integration: connection refused"], degraded.Health!.Failures.AsEnumerable());
        var firstWait = degraded.Health.NextRestartAt!.Value - degraded.Health.LastCheckedAt!.Value;

        var restartedTwice = await StreamTests.EventuallyAsync(agent.GetStatusAsync, s => s.Health!.Restarts >= 1 && s.Lifecycle == AgentLifecycle.Degraded && s.Health.NextRestartAt is not null, TimeSpan.FromSeconds(15));
        var secondWait = restartedTwice.Health!.NextRestartAt!.Value - restartedTwice.Health.LastCheckedAt!.Value;
        Assert.True(secondWait > firstWait, $"backoff should grow: {firstWait} then {secondWait}");

        FlakyHealthCheck.Failing.TryRemove(id, out _);
        var recovered = await StreamTests.EventuallyAsync(agent.GetStatusAsync, s => s.Lifecycle == AgentLifecycle.Running && s.Health!.Healthy, TimeSpan.FromSeconds(15));
        Assert.Equal((0, (DateTimeOffset?)null), (recovered.Health!.ConsecutiveFailures, recovered.Health.NextRestartAt));
        Assert.True(recovered.Health.Restarts >= 1);

        var audit = (await ClusterFixture.SharedAudit.SearchAsync(new AuditQuery(Action: AuditActions.AgentHealth, Limit: 500))).Items.Where(e => e.AgentId == id).ToArray();
        Assert.Contains(audit, e => e.Outcome == AuditOutcomes.Failed && e.Reason!.Contains("connection refused", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Outcome == AuditOutcomes.Started);
    }

    [Fact]
    public async Task AStoppedAgentIsNotCheckedOrRestarted()
    {
        var id = FlakyHealthCheck.Prefix + Guid.NewGuid().ToString("N");
        FlakyHealthCheck.Failing[id] = "down";
        var agent = fixture.Client.GetGrain<IAgentGrain>(id);
        await agent.ConfigureAsync(AgentGrainTests.Config(id), "alice");
        var status = await agent.CheckHealthAsync();
        Assert.Equal((AgentLifecycle.Stopped, (DateTimeOffset?)null), (status.Lifecycle, status.Health!.LastCheckedAt));
        FlakyHealthCheck.Failing.TryRemove(id, out _);
    }

    [Fact]
    public void TheRestartBackoffDoublesUpToItsMaximum()
    {
        var options = new AgentHealthOptions { RestartBackoff = TimeSpan.FromSeconds(10), MaxRestartBackoff = TimeSpan.FromSeconds(60) };
        Assert.Equal(
            [10, 20, 40, 60, 60],
            Enumerable.Range(0, 5).Select(i => options.BackoffFor(i).TotalSeconds).ToImmutableArray().AsEnumerable());
    }
}
