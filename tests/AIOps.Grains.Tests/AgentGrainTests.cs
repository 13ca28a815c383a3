using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Audit;

namespace AIOps.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AgentGrainTests(ClusterFixture fixture)
{
    internal static AgentConfig Config(string id) => new(
        id, "Kubernetes (prod)", AgentType.Kubernetes, true, AutomationLevel.SemiAuto,
        ImmutableDictionary<string, double>.Empty.Add("cpu.target", 0.7), false, ["prometheus"], default, default);

    [Fact]
    public async Task AnAgentIsConfiguredStartedAndStoppedAndIsListedByTheRegistry()
    {
        var id = "k8s-" + Guid.NewGuid().ToString("N");
        var agent = fixture.Client.GetGrain<IAgentGrain>(id);
        var config = await agent.ConfigureAsync(Config(id), "alice");
        Assert.NotEqual(default, config.CreatedAt);

        Assert.Equal(AgentLifecycle.Stopped, (await agent.GetStatusAsync()).Lifecycle);
        var running = await agent.StartAsync();
        Assert.Equal(AgentLifecycle.Running, running.Lifecycle);
        Assert.NotNull(running.StartedAt);
        Assert.Equal(AgentLifecycle.Stopped, (await agent.StopAsync()).Lifecycle);

        Assert.Contains(id, await fixture.Client.GetGrain<IAgentRegistryGrain>(IAgentRegistryGrain.Key).ListAsync());
    }

    [Fact]
    public async Task EnsureConfiguredLeavesAnExistingConfigurationAlone()
    {
        var id = "k8s-" + Guid.NewGuid().ToString("N");
        var agent = fixture.Client.GetGrain<IAgentGrain>(id);
        await agent.ConfigureAsync(Config(id) with { AutomationLevel = AutomationLevel.FullAuto }, "alice");
        var status = await agent.EnsureConfiguredAsync(Config(id) with { AutomationLevel = AutomationLevel.Manual }, start: true);
        Assert.Equal(AutomationLevel.FullAuto, status.AutomationLevel);
        Assert.Equal(AgentLifecycle.Stopped, status.Lifecycle);
    }

    [Fact]
    public async Task AnInvalidConfigurationNamesTheFieldsAndChangesNothing()
    {
        var id = "k8s-" + Guid.NewGuid().ToString("N");
        var agent = fixture.Client.GetGrain<IAgentGrain>(id);
        var bad = Config("someone-else") with { Name = "", Thresholds = ImmutableDictionary<string, double>.Empty.Add("cpu.target", double.NaN) };
        var error = await Assert.ThrowsAsync<ValidationException>(() => agent.ConfigureAsync(bad, "alice"));
        Assert.Equal(["cpu.target", "id", "name"], error.Errors.Keys.Select(k => k.Replace("thresholds.", "", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<NotFoundException>(() => agent.GetStatusAsync());
    }

    [Fact]
    public async Task ADisabledAgentCannotStart()
    {
        var id = "k8s-" + Guid.NewGuid().ToString("N");
        var agent = fixture.Client.GetGrain<IAgentGrain>(id);
        await agent.ConfigureAsync(Config(id) with { Enabled = false }, "alice");
        await Assert.ThrowsAsync<InvalidTransitionException>(() => agent.StartAsync());
    }

    [Fact]
    public async Task EveryConfigurationChangeIsAVersionSayingWhoAndWhatAndReachesTheRunningAgentWithoutARestart()
    {
        var id = "k8s-" + Guid.NewGuid().ToString("N");
        var agent = fixture.Client.GetGrain<IAgentGrain>(id);
        await agent.ConfigureAsync(Config(id), "alice");
        var started = await agent.StartAsync();

        var changed = Config(id) with
        {
            AutomationLevel = AutomationLevel.FullAuto,
            Thresholds = ImmutableDictionary<string, double>.Empty.Add("cpu.target", 0.8).Add("memory.target", 0.9),
        };
        await agent.ConfigureAsync(changed, "bob");
        await agent.ConfigureAsync(changed, "carol");

        var status = await agent.GetStatusAsync();
        Assert.Equal((AgentLifecycle.Running, started.StartedAt, AutomationLevel.FullAuto), (status.Lifecycle, status.StartedAt, status.AutomationLevel));
        Assert.Equal(0.8, (await agent.GetConfigAsync()).Thresholds["cpu.target"]);

        var history = await agent.GetConfigHistoryAsync();
        Assert.Equal([1, 2], history.Select(v => v.Version));
        Assert.Equal(["alice", "bob"], history.Select(v => v.ChangedBy));
        Assert.Equal(["created"], history[0].Changes.AsEnumerable());
        Assert.Equal(
            ["automationLevel: semi-auto → full-auto", "thresholds.cpu.target: 0.7 → 0.8", "thresholds.memory.target: (none) → 0.9"],
            history[1].Changes.AsEnumerable());
        Assert.Equal(AutomationLevel.SemiAuto, history[0].Config.AutomationLevel);
        var audit = (await ClusterFixture.SharedAudit.SearchAsync(new AuditQuery(Action: AuditActions.ConfigChanged, Limit: 500))).Items.Where(e => e.AgentId == id).ToArray();
        Assert.Equal(["bob", "alice"], audit.Select(e => e.Actor));
        Assert.Contains("automationLevel: semi-auto → full-auto", audit[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAgentHasNoHistory()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => fixture.Client.GetGrain<IAgentGrain>("nobody-" + Guid.NewGuid().ToString("N")).GetConfigHistoryAsync());
    }

    [Fact]
    public async Task ARestartStopsAndStartsTheAgentAndIsAudited()
    {
        var id = "k8s-" + Guid.NewGuid().ToString("N");
        var agent = fixture.Client.GetGrain<IAgentGrain>(id);
        await agent.ConfigureAsync(Config(id), "alice");
        var first = await agent.StartAsync();
        await Task.Delay(20);
        var restarted = await agent.RestartAsync("bob");
        Assert.Equal(AgentLifecycle.Running, restarted.Lifecycle);
        Assert.True(restarted.StartedAt > first.StartedAt);
        var audit = (await ClusterFixture.SharedAudit.SearchAsync(new AuditQuery(Actor: "bob", Action: AuditActions.AgentHealth, Limit: 500))).Items;
        Assert.Contains(audit, e => e.AgentId == id && e.Reason == "restarted on request");
    }
}
