using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Audit;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Tests.Orchestration;

/// <summary>Four agents propose actions on overlapping resources at once; the outcome must not depend on arrival order.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MultiAgentScenarioTests(ClusterFixture fixture)
{
    private IOrchestratorGrain Orchestrator => fixture.Client.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task FourAgentsOnOverlappingResourcesGetTheSameExplainedOutcomeWhateverTheOrder(int seed)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var agents = new Dictionary<AgentType, string>();
        foreach (var type in Enum.GetValues<AgentType>())
        {
            var id = $"{type.ToString().ToLowerInvariant()}-{run}";
            await Orchestrator.RegisterAgentAsync(new AgentConfig(id, id, type, true, AutomationLevel.FullAuto, ImmutableDictionary<string, double>.Empty, false, [], default, default), "admin");
            agents[type] = id;
        }

        var r = Enumerable.Range(1, 3).Select(i => $"k8s:staging:deployment/shop/svc{i}-{run}").ToArray();
        foreach (var id in r)
        {
            await fixture.Client.GetGrain<IResourceGrain>(id).UpsertAsync(new ResourceSpec(
                "k8s", "deployment", id, "staging", ImmutableDictionary<string, string>.Empty.Add("env", "staging"), ImmutableDictionary<string, string>.Empty, [], 0.1m));
        }

        var proposals = new[]
        {
            new ProposedAction(agents[AgentType.IncidentResponse], "restart", "restart svc1 (crash loop)", [r[0]], RiskLevel.Medium, "1 restart", $"ir-{run}"),
            new ProposedAction(agents[AgentType.Kubernetes], "scale", "scale svc1 and svc2", [r[0], r[1]], RiskLevel.Low, "+2 pods", $"k8s-{run}"),
            new ProposedAction(agents[AgentType.Terraform], "terraform-apply", "repair drift on svc2 and svc3", [r[1], r[2]], RiskLevel.Medium, "2 resources", $"tf-{run}"),
            new ProposedAction(agents[AgentType.CostOptimization], "resize", "downsize svc3", [r[2]], RiskLevel.Low, "-$40/month", $"cost-{run}"),
        };
        var rng = new Random(seed);
        ProposedAction[] shuffled = [.. proposals.OrderBy(_ => rng.Next())];

        var results = (await Task.WhenAll(shuffled.Select(p => Orchestrator.SubmitAsync(p, $"agent:{p.AgentId}"))))
            .ToDictionary(s => s.Action.AgentId);

        var ir = results[agents[AgentType.IncidentResponse]];
        var k8s = results[agents[AgentType.Kubernetes]];
        var tf = results[agents[AgentType.Terraform]];
        var cost = results[agents[AgentType.CostOptimization]];
        Assert.Equal(
            (ActionStatus.Approved, ActionStatus.Cancelled, ActionStatus.Approved, ActionStatus.Cancelled),
            (ir.Action.Status, k8s.Action.Status, tf.Action.Status, cost.Action.Status));
        Assert.Equal(ir.Action.Id, (await fixture.Client.GetGrain<IResourceGrain>(r[0]).GetLeaseAsync())!.ActionId);
        Assert.Equal(tf.Action.Id, (await fixture.Client.GetGrain<IResourceGrain>(r[1]).GetLeaseAsync())!.ActionId);
        Assert.Equal(tf.Action.Id, (await fixture.Client.GetGrain<IResourceGrain>(r[2]).GetLeaseAsync())!.ActionId);

        async Task<AuditEntry[]> AuditOf(ActionSubmission s) =>
            [.. (await ClusterFixture.SharedAudit.SearchAsync(new AuditQuery(ActionId: s.Action.Id, Limit: 100))).Items.Reverse()];

        foreach (var s in results.Values)
        {
            Assert.Contains(await AuditOf(s), e => e.Action == AuditActions.PolicyVerdict && e.Outcome == AuditOutcomes.Allowed);
        }

        Assert.Contains(await AuditOf(ir), e => e.Action == AuditActions.LeaseGranted && e.Outcome == AuditOutcomes.Succeeded && e.ResourceId == r[0]);
        Assert.Equal(
            [r[1], r[2]],
            (await AuditOf(tf)).Where(e => e.Action == AuditActions.LeaseGranted && e.Outcome == AuditOutcomes.Succeeded).Select(e => e.ResourceId!).Order(StringComparer.Ordinal));
        var k8sRefusal = Assert.Single(await AuditOf(k8s), e => e.Action == AuditActions.LeaseGranted && e.Outcome == AuditOutcomes.Denied);
        Assert.Equal(r[0], k8sRefusal.ResourceId);
        Assert.Contains(ir.Action.Id, k8sRefusal.Reason, StringComparison.Ordinal);
        var costRefusal = Assert.Single(await AuditOf(cost), e => e.Action == AuditActions.LeaseGranted && e.Outcome == AuditOutcomes.Denied);
        Assert.Contains(tf.Action.Id, costRefusal.Reason, StringComparison.Ordinal);

        var k8sTimeline = await fixture.Client.GetGrain<IAgentActionGrain>(k8s.Action.Id).GetTimelineAsync();
        Assert.Contains($"held by action '{ir.Action.Id}'", k8sTimeline[^1].Summary, StringComparison.Ordinal);
    }
}
