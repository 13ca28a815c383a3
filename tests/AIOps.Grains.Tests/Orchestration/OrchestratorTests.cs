using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Audit;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Orchestration;

namespace AIOps.Grains.Tests.Orchestration;

[Collection(ClusterCollection.Name)]
public sealed class OrchestratorTests(ClusterFixture fixture)
{
    private IOrchestratorGrain Orchestrator => fixture.Client.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);

    private async Task<string> AgentAsync(AgentType type, AutomationLevel level)
    {
        var id = $"{type.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}";
        await Orchestrator.RegisterAgentAsync(
            new AgentConfig(id, id, type, true, level, ImmutableDictionary<string, double>.Empty, false, [], default, default), "admin");
        return id;
    }

    private async Task<string> ResourceAsync(string environment, params string[] dependencies)
    {
        var id = $"k8s:{environment}:deployment/shop/{Guid.NewGuid():N}";
        await fixture.Client.GetGrain<IResourceGrain>(id).UpsertAsync(new ResourceSpec(
            "k8s", "deployment", "cart", environment, ImmutableDictionary<string, string>.Empty.Add("env", environment),
            ImmutableDictionary<string, string>.Empty, [.. dependencies], 0.2m));
        return id;
    }

    private static ProposedAction Action(string agent, RiskLevel risk, params string[] targets) =>
        new(agent, "scale", "scale out", [.. targets], risk, "+2 pods", Guid.NewGuid().ToString("N"));

    private static async Task<IReadOnlyList<AuditEntry>> AuditOfAsync(string actionId) =>
        (await ClusterFixture.SharedAudit.SearchAsync(new AuditQuery(ActionId: actionId, Limit: 500))).Items;

    [Fact]
    public async Task AnAllowedActionIsApprovedByPolicyAndHoldsLeasesOnItsTargets()
    {
        var agent = await AgentAsync(AgentType.Kubernetes, AutomationLevel.FullAuto);
        var target = await ResourceAsync("staging");
        var submission = await Orchestrator.SubmitAsync(Action(agent, RiskLevel.Medium, target), $"agent:{agent}");

        Assert.Equal((PolicyVerdict.Allow, ActionStatus.Approved), (submission.Decision.Verdict, submission.Action.Status));
        Assert.Equal(LeaseOutcome.Granted, submission.Leases![target].Outcome);
        Assert.Equal(submission.Action.Id, (await fixture.Client.GetGrain<IResourceGrain>(target).GetLeaseAsync())!.ActionId);
        var audit = await AuditOfAsync(submission.Action.Id);
        Assert.Contains(audit, e => e.Action == AuditActions.PolicyVerdict && e.Outcome == AuditOutcomes.Allowed);
        Assert.Contains(audit, e => e.Action == AuditActions.LeaseGranted && e.ResourceId == target);
        var timeline = await fixture.Client.GetGrain<IAgentActionGrain>(submission.Action.Id).GetTimelineAsync();
        Assert.Equal(["proposed", "policy-evaluated", "status-changed"], timeline.Select(t => t.Type));
    }

    [Fact]
    public async Task ARiskyActionInProductionWaitsForApprovalAndADeniedOneIsRejectedWithTheReason()
    {
        var agent = await AgentAsync(AgentType.Kubernetes, AutomationLevel.SemiAuto);
        var target = await ResourceAsync("production");
        var waiting = await Orchestrator.SubmitAsync(Action(agent, RiskLevel.High, target), "olga");
        Assert.Equal((PolicyVerdict.NeedsApproval, ActionStatus.Pending), (waiting.Decision.Verdict, waiting.Action.Status));
        Assert.Equal("olga", waiting.Approval!.RequestedBy);
        Assert.Null(await fixture.Client.GetGrain<IResourceGrain>(target).GetLeaseAsync());

        var disabled = await AgentAsync(AgentType.CostOptimization, AutomationLevel.FullAuto);
        var config = await fixture.Client.GetGrain<IAgentGrain>(disabled).GetConfigAsync();
        await fixture.Client.GetGrain<IAgentGrain>(disabled).ConfigureAsync(config with { Enabled = false }, "admin");
        var denied = await Orchestrator.SubmitAsync(Action(disabled, RiskLevel.Low, target), "agent");
        Assert.Equal((PolicyVerdict.Deny, ActionStatus.Rejected), (denied.Decision.Verdict, denied.Action.Status));
        Assert.Contains(await AuditOfAsync(denied.Action.Id), e => e.Action == AuditActions.PolicyVerdict && e.Outcome == AuditOutcomes.Denied && e.Reason!.Contains("disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnActionRedeliveredThreeTimesIsProposedJudgedAndLeasedOnce()
    {
        var agent = await AgentAsync(AgentType.Kubernetes, AutomationLevel.FullAuto);
        var target = await ResourceAsync("staging");
        var action = Action(agent, RiskLevel.Low, target);
        var first = await Orchestrator.SubmitAsync(action, "agent");
        var again = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Orchestrator.SubmitAsync(action, "agent")));

        Assert.False(first.Duplicate);
        Assert.All(again, s => Assert.True(s.Duplicate));
        Assert.All(again, s => Assert.Equal(first.Action.Id, s.Action.Id));
        var timeline = await fixture.Client.GetGrain<IAgentActionGrain>(first.Action.Id).GetTimelineAsync();
        Assert.Single(timeline, t => t.Type == "proposed");
        Assert.Single(timeline, t => t.Type == "policy-evaluated");
        var audit = await AuditOfAsync(first.Action.Id);
        Assert.Single(audit, e => e.Action == AuditActions.PolicyVerdict);
        Assert.Single(audit, e => e.Action == AuditActions.LeaseGranted);
    }

    [Fact]
    public async Task WhenTwoAgentsWantTheSameResourceTheHigherPriorityWinsAndTheLoserIsCancelledWithAReason()
    {
        var cost = await AgentAsync(AgentType.CostOptimization, AutomationLevel.FullAuto);
        var incident = await AgentAsync(AgentType.IncidentResponse, AutomationLevel.FullAuto);
        var target = await ResourceAsync("staging");

        var rightsizing = await Orchestrator.SubmitAsync(Action(cost, RiskLevel.Low, target), "agent");
        Assert.Equal(LeaseOutcome.Granted, rightsizing.Leases![target].Outcome);
        var remediation = await Orchestrator.SubmitAsync(Action(incident, RiskLevel.Low, target), "agent");

        Assert.Equal(LeaseOutcome.GrantedByPreemption, remediation.Leases![target].Outcome);
        var loser = await fixture.Client.GetGrain<IAgentActionGrain>(rightsizing.Action.Id).GetAsync();
        Assert.Equal(ActionStatus.Cancelled, loser.Status);
        var timeline = await fixture.Client.GetGrain<IAgentActionGrain>(loser.Id).GetTimelineAsync();
        Assert.Contains("preempted on", timeline[^1].Summary, StringComparison.Ordinal);
        Assert.Contains(await AuditOfAsync(loser.Id), e => e.Action == AuditActions.LeasePreempted);

        var late = await Orchestrator.SubmitAsync(Action(cost, RiskLevel.Low, target), "agent");
        Assert.Equal(LeaseOutcome.Refused, late.Leases![target].Outcome);
        Assert.Equal(ActionStatus.Cancelled, late.Action.Status);

        var peer = await AgentAsync(AgentType.IncidentResponse, AutomationLevel.FullAuto);
        var queued = await Orchestrator.SubmitAsync(Action(peer, RiskLevel.Low, target), "agent");
        Assert.Equal((LeaseOutcome.Refused, ActionStatus.Approved), (queued.Leases![target].Outcome, queued.Action.Status));
        Assert.Equal(remediation.Action.Id, (await fixture.Client.GetGrain<IResourceGrain>(target).GetLeaseAsync())!.ActionId);
    }

    [Fact]
    public async Task TheBlastRadiusCountsDependentsAndAnActionOverTheMaximumIsDenied()
    {
        var agent = await AgentAsync(AgentType.Kubernetes, AutomationLevel.FullAuto);
        var node = await ResourceAsync("staging");
        var pods = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            pods.Add(await ResourceAsync("staging", node));
        }

        await ResourceAsync("staging", pods[0]);
        var decision = await StreamTests.EventuallyAsync(() => Orchestrator.EnforcePolicyAsync(Action(agent, RiskLevel.Low, node)), d => d.BlastRadius >= 5);
        Assert.Equal(5, decision.BlastRadius);

        var policy = await Orchestrator.GetPolicyAsync();
        try
        {
            await Orchestrator.SetPolicyAsync(policy with { MaxBlastRadius = 4 }, "admin");
            var denied = await Orchestrator.SubmitAsync(Action(agent, RiskLevel.Low, node), "agent");
            Assert.Equal(PolicyVerdict.Deny, denied.Decision.Verdict);
            Assert.Contains("exceeds the platform maximum of 4", denied.Decision.Reasons[0], StringComparison.Ordinal);
        }
        finally
        {
            await Orchestrator.SetPolicyAsync(policy, "admin");
        }
    }

    [Fact]
    public async Task EventsAreRoutedByRulesThatAreData()
    {
        var incident = await AgentAsync(AgentType.IncidentResponse, AutomationLevel.Manual);
        var k8s = await AgentAsync(AgentType.Kubernetes, AutomationLevel.Manual);
        var rules = await Orchestrator.GetRoutingRulesAsync();
        try
        {
            var version = await Orchestrator.SetRoutingRulesAsync(
            [
                new RoutingRule("alerts", incident, ["alert.*"], [], null, Severity.Medium),
                new RoutingRule("k8s", k8s, ["metric.*", "alert.firing"], ["prometheus"], "k8s:"),
            ], "admin");
            Assert.True(version > rules.Version);

            var router = fixture.Client.GetGrain<IEventRouterGrain>(0);
            SystemEvent Event(string type, string source, Severity severity, string? resource) =>
                new(Guid.NewGuid().ToString("N"), type, source, severity, ImmutableDictionary<string, string>.Empty, DateTimeOffset.UtcNow, null, resource);

            var routed = await StreamTests.EventuallyAsync(
                () => router.RouteEventAsync(Event("alert.firing", "prometheus", Severity.High, "k8s:prod:node/n1")),
                r => r.Count == 2,
                TimeSpan.FromSeconds(10));
            Assert.Equal(new[] { incident, k8s }.Order(StringComparer.Ordinal), routed.Order(StringComparer.Ordinal));
            Assert.Empty(await router.RouteEventAsync(Event("alert.firing", "cloudwatch", Severity.Low, null)));
            Assert.Equal([incident], await router.RouteEventAsync(Event("alert.resolved", "cloudwatch", Severity.Critical, "aws:ec2:x")));
            Assert.Equal([k8s], await router.RouteEventAsync(Event("metric.cpu", "prometheus", Severity.Low, "k8s:prod:pod/p")));

            var status = await StreamTests.EventuallyAsync(fixture.Client.GetGrain<IAgentGrain>(incident).GetStatusAsync, s => s.EventsProcessed >= 2);
            Assert.Equal(2, status.EventsProcessed);

            // A batch goes to each agent as few stream messages; each agent still sees its events one by one.
            var k8sBefore = (await StreamTests.EventuallyAsync(fixture.Client.GetGrain<IAgentGrain>(k8s).GetStatusAsync, s => s.EventsProcessed >= 2)).EventsProcessed;
            await router.RouteBatchAsync(
            [
                Event("alert.firing", "prometheus", Severity.High, "k8s:prod:node/n2"),
                Event("alert.resolved", "prometheus", Severity.High, "k8s:prod:node/n2"),
                Event("metric.cpu", "prometheus", Severity.Low, "k8s:prod:pod/p"),
            ]);
            Assert.Equal(4, (await StreamTests.EventuallyAsync(fixture.Client.GetGrain<IAgentGrain>(incident).GetStatusAsync, s => s.EventsProcessed >= 4)).EventsProcessed);
            Assert.Equal(k8sBefore + 2, (await StreamTests.EventuallyAsync(fixture.Client.GetGrain<IAgentGrain>(k8s).GetStatusAsync, s => s.EventsProcessed >= k8sBefore + 2)).EventsProcessed);
        }
        finally
        {
            await Orchestrator.SetRoutingRulesAsync(rules.Rules, "admin");
        }
    }

    [Fact]
    public async Task BadRulesPoliciesAndActionsAreRefusedNamingTheFieldAndChangeNothing()
    {
        var before = await Orchestrator.GetRoutingRulesAsync();
        var rules = await Assert.ThrowsAsync<ValidationException>(() => Orchestrator.SetRoutingRulesAsync(
            [new RoutingRule("a", "x", ["alert.*"], [], null), new RoutingRule("a", "", ["al*ert"], [], null)], "admin"));
        Assert.Equal(["rules[1].agentId", "rules[1].eventTypes", "rules[1].id"], rules.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before.Version, (await Orchestrator.GetRoutingRulesAsync()).Version);

        var policy = await Assert.ThrowsAsync<ValidationException>(() => Orchestrator.SetPolicyAsync(
            PlatformPolicy.Default with { MaxBlastRadius = 0, LeaseDuration = TimeSpan.Zero }, "admin"));
        Assert.Equal(["leaseDuration", "maxBlastRadius"], policy.Errors.Keys.Order(StringComparer.Ordinal));

        await Assert.ThrowsAsync<NotFoundException>(() => Orchestrator.SubmitAsync(Action("no-such-agent", RiskLevel.Low, "r"), "agent"));
        var agent = await AgentAsync(AgentType.Kubernetes, AutomationLevel.FullAuto);
        var unmanaged = await Assert.ThrowsAsync<ValidationException>(() => Orchestrator.SubmitAsync(Action(agent, RiskLevel.Low, "k8s:nowhere:pod/x"), "agent"));
        Assert.Contains("targetResources", unmanaged.Errors.Keys);
    }
}
