using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;
using AIOps.Testing;
using Orleans.Runtime;

namespace AIOps.Grains.Tests.Durable;

[Collection(PostgresCollection.Name)]
public sealed class LeaseFailoverTests(PostgresFixture postgres)
{
    [Fact]
    public async Task WhenTheSiloOfAnExecutingActionDiesItsLeaseRunsOutAndAnotherAgentGetsTheResource()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var cluster = await DurableCluster.StartAsync(db, "svc-" + Guid.NewGuid().ToString("N")[..12], silos: 2);
        var client = cluster.Client;
        var orchestrator = client.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);
        await orchestrator.SetPolicyAsync(PlatformPolicy.Default with { LeaseDuration = TimeSpan.FromSeconds(3) }, "admin");
        foreach (var (id, type) in new[] { ("kubernetes", AgentType.Kubernetes), ("incident-response", AgentType.IncidentResponse) })
        {
            await orchestrator.RegisterAgentAsync(new AgentConfig(id, id, type, true, AutomationLevel.FullAuto, ImmutableDictionary<string, double>.Empty, false, [], default, default), "admin");
        }

        var management = client.GetGrain<IManagementGrain>(0);
        var secondary = cluster.SecondarySilos[0];
        string? resource = null;
        string? holder = null;
        for (var attempt = 0; attempt < 20 && holder is null; attempt++)
        {
            var target = $"k8s:staging:deployment/shop/failover-{attempt}";
            await client.GetGrain<IResourceGrain>(target).UpsertAsync(new ResourceSpec(
                "k8s", "deployment", "x", "staging", ImmutableDictionary<string, string>.Empty.Add("env", "staging"), ImmutableDictionary<string, string>.Empty, [], 0m));
            var submission = await orchestrator.SubmitAsync(new ProposedAction("kubernetes", TestPlanners.Hangs, "drain", [target], RiskLevel.Low, "", $"drain-{attempt}"), "agent");
            Assert.Equal(ActionStatus.Executing, submission.Action.Status);
            var host = await management.GetActivationAddress(client.GetGrain<IAgentActionGrain>(submission.Action.Id));
            if (host == secondary.SiloAddress)
            {
                (resource, holder) = (target, submission.Action.Id);
            }
        }

        Assert.True(holder is not null, "no executing action was placed on the secondary silo");
        Assert.Equal(holder, (await client.GetGrain<IResourceGrain>(resource!).GetLeaseAsync())!.ActionId);

        await cluster.KillSiloAsync(secondary);

        var rival = new LeaseRequest("act-rival", "incident-response", 1, TimeSpan.FromMinutes(1));
        var taken = await StreamTests.EventuallyAsync(
            async () =>
            {
                try
                {
                    return await client.GetGrain<IResourceGrain>(resource!).AcquireLeaseAsync(rival);
                }
                catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
                {
                    return null;
                }
            },
            r => r?.Outcome == LeaseOutcome.Granted,
            TimeSpan.FromSeconds(90));
        Assert.Equal(LeaseOutcome.Granted, taken!.Outcome);
        Assert.Contains($"lease of action '{holder}' had expired", taken.Reason, StringComparison.Ordinal);

        // The interrupted action comes back on the survivor, finds its resource taken, and fails saying so.
        var failed = await StreamTests.EventuallyAsync(client.GetGrain<IAgentActionGrain>(holder!).GetAsync, a => a.Status == ActionStatus.Failed, TimeSpan.FromSeconds(30));
        Assert.Equal(ActionStatus.Failed, failed.Status);
        Assert.Contains($"lost the lease on {resource}", failed.Result, StringComparison.Ordinal);
    }
}
