using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Audit;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Tests.Orchestration;

[Collection(ClusterCollection.Name)]
public sealed class ActionExecutionTests(ClusterFixture fixture)
{
    private IOrchestratorGrain Orchestrator => fixture.Client.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);

    private async Task<ActionSubmission> SubmittedAsync(string type)
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var agent = $"kubernetes-{run}";
        await Orchestrator.RegisterAgentAsync(new AgentConfig(agent, agent, AgentType.Kubernetes, true, AutomationLevel.FullAuto, ImmutableDictionary<string, double>.Empty, false, [], default, default), "admin");
        var target = $"k8s:staging:deployment/shop/exec-{run}";
        await fixture.Client.GetGrain<IResourceGrain>(target).UpsertAsync(new ResourceSpec(
            "k8s", "deployment", "exec", "staging", ImmutableDictionary<string, string>.Empty.Add("env", "staging"), ImmutableDictionary<string, string>.Empty, [], 0.1m));
        var submission = await Orchestrator.SubmitAsync(new ProposedAction(agent, type, "roll out", [target], RiskLevel.Low, "", run), "agent");
        Assert.Equal(PolicyVerdict.Allow, submission.Decision.Verdict);
        return submission;
    }

    [Fact]
    public async Task AnAllowedActionExecutesItsPlanCompletesAndReleasesItsLeases()
    {
        var submission = await SubmittedAsync(TestPlanners.Succeeds);
        Assert.Contains(submission.Action.Status, new[] { ActionStatus.Executing, ActionStatus.Completed });
        var action = fixture.Client.GetGrain<IAgentActionGrain>(submission.Action.Id);
        var target = submission.Action.TargetResources[0];
        var done = await StreamTests.EventuallyAsync(action.GetAsync, a => a.Status == ActionStatus.Completed, TimeSpan.FromSeconds(10));
        Assert.Equal(ActionStatus.Completed, done.Status);
        Assert.Equal(["execute snapshot", "execute apply"], TestPlanners.Of(done.Id));
        Assert.Null(await StreamTests.EventuallyAsync(() => fixture.Client.GetGrain<IResourceGrain>(target).GetLeaseAsync(), l => l is null));

        var timeline = await action.GetTimelineAsync();
        Assert.Equal(["proposed", "policy-evaluated", "status-changed", "status-changed", "step", "step", "status-changed"], timeline.Select(t => t.Type));
        var audit = (await ClusterFixture.SharedAudit.SearchAsync(new AuditQuery(ActionId: done.Id, Limit: 100))).Items;
        Assert.Equal(3, audit.Count(e => e.Action == AuditActions.ActionStep));
        Assert.Contains(audit, e => e.Action == AuditActions.LeaseReleased && e.ResourceId == target);
    }

    [Fact]
    public async Task AFailedStepRollsBackTheEarlierStepsInReverseOrderAndTheActionFails()
    {
        var submission = await SubmittedAsync(TestPlanners.FailsAtApply);
        var action = fixture.Client.GetGrain<IAgentActionGrain>(submission.Action.Id);
        var failed = await StreamTests.EventuallyAsync(action.GetAsync, a => a.Status == ActionStatus.Failed, TimeSpan.FromSeconds(10));
        Assert.Equal(ActionStatus.Failed, failed.Status);
        Assert.Equal(["execute snapshot", "execute apply", "undo snapshot"], TestPlanners.Of(failed.Id));
        Assert.Contains("apply refused by the target", failed.Result, StringComparison.Ordinal);
        var timeline = await action.GetTimelineAsync();
        Assert.Contains(timeline, t => t.Summary.StartsWith("Compensated 1/3 'snapshot'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnActionRedeliveredAndExecutedAgainRunsItsStepsOnce()
    {
        var submission = await SubmittedAsync(TestPlanners.Succeeds);
        var action = fixture.Client.GetGrain<IAgentActionGrain>(submission.Action.Id);
        var proposal = new ProposedAction(submission.Action.AgentId, submission.Action.Type, "roll out", submission.Action.TargetResources, RiskLevel.Low, "", submission.Action.IdempotencyKey);
        var redelivered = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Orchestrator.SubmitAsync(proposal, "agent")));
        Assert.All(redelivered, r => Assert.True(r.Duplicate));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            try
            {
                await action.ExecuteAsync();
            }
            catch (InvalidTransitionException)
            {
                // completed already: executing again is refused
            }
        }));
        await StreamTests.EventuallyAsync(action.GetAsync, a => a.Status == ActionStatus.Completed, TimeSpan.FromSeconds(10));
        Assert.Equal(["execute snapshot", "execute apply"], TestPlanners.Of(submission.Action.Id));
    }

    [Fact]
    public async Task AnActionWithoutTheLeaseOrOfAnUnknownTypeDoesNotStart()
    {
        var target = $"k8s:staging:deployment/shop/{Guid.NewGuid():N}";
        await fixture.Client.GetGrain<IResourceGrain>(target).UpsertAsync(new ResourceSpec(
            "k8s", "deployment", "x", "staging", ImmutableDictionary<string, string>.Empty, ImmutableDictionary<string, string>.Empty, [], 0m));
        await fixture.Client.GetGrain<IResourceGrain>(target).AcquireLeaseAsync(new LeaseRequest("someone-else", "terraform", 9, TimeSpan.FromMinutes(1)));
        var action = fixture.Client.GetGrain<IAgentActionGrain>("act-" + Guid.NewGuid().ToString("N"));
        await action.ProposeAsync(new ProposedAction("kubernetes", TestPlanners.Succeeds, "d", [target], RiskLevel.Low, "", "k"));
        await action.ApproveAsync("carol", "ok");
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => action.ExecuteAsync());
        Assert.Contains("someone-else", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(ActionStatus.Approved, (await action.GetAsync()).Status);

        var unknown = await SubmittedAsync("no-such-type");
        Assert.Equal(ActionStatus.Approved, unknown.Action.Status);
        var error = await Assert.ThrowsAsync<ValidationException>(() => fixture.Client.GetGrain<IAgentActionGrain>(unknown.Action.Id).ExecuteAsync());
        Assert.Contains("no planner is registered for action type 'no-such-type'", error.Errors["type"][0], StringComparison.Ordinal);
        Assert.Contains((await ClusterFixture.SharedAudit.SearchAsync(new AuditQuery(ActionId: unknown.Action.Id, Limit: 50))).Items,
            e => e.Action == AuditActions.ActionStep && e.Reason!.StartsWith("not executed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnApprovedActionProceedsToExecutionWhenThePersonApproves()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var agent = $"kubernetes-{run}";
        await Orchestrator.RegisterAgentAsync(new AgentConfig(agent, agent, AgentType.Kubernetes, true, AutomationLevel.Manual, ImmutableDictionary<string, double>.Empty, false, [], default, default), "admin");
        var target = $"k8s:production:deployment/shop/{run}";
        await fixture.Client.GetGrain<IResourceGrain>(target).UpsertAsync(new ResourceSpec(
            "k8s", "deployment", "x", "production", ImmutableDictionary<string, string>.Empty.Add("env", "production"), ImmutableDictionary<string, string>.Empty, [], 0m));
        var submission = await Orchestrator.SubmitAsync(new ProposedAction(agent, TestPlanners.Succeeds, "roll out", [target], RiskLevel.Medium, "", run), "olga");
        Assert.Equal(ActionStatus.Pending, submission.Action.Status);

        await fixture.Client.GetGrain<IApprovalGrain>(submission.Action.Id).ApproveAsync(new Approver("carol", [Roles.Approver]), "change window open");
        var action = fixture.Client.GetGrain<IAgentActionGrain>(submission.Action.Id);
        var done = await StreamTests.EventuallyAsync(action.GetAsync, a => a.Status == ActionStatus.Completed, TimeSpan.FromSeconds(10));
        Assert.Equal(ActionStatus.Completed, done.Status);
        Assert.Null(await StreamTests.EventuallyAsync(() => fixture.Client.GetGrain<IResourceGrain>(target).GetLeaseAsync(), l => l is null));
    }

    [Fact]
    public async Task AnActionQueuedBehindAnExecutingOneGoesAheadWhenTheResourceIsReleased()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var agents = new[] { $"incident-response-a-{run}", $"incident-response-b-{run}" };
        foreach (var agent in agents)
        {
            await Orchestrator.RegisterAgentAsync(new AgentConfig(agent, agent, AgentType.IncidentResponse, true, AutomationLevel.FullAuto, ImmutableDictionary<string, double>.Empty, false, [], default, default), "admin");
        }

        var target = $"k8s:staging:deployment/shop/queue-{run}";
        await fixture.Client.GetGrain<IResourceGrain>(target).UpsertAsync(new ResourceSpec(
            "k8s", "deployment", "q", "staging", ImmutableDictionary<string, string>.Empty.Add("env", "staging"), ImmutableDictionary<string, string>.Empty, [], 0m));

        var first = await Orchestrator.SubmitAsync(new ProposedAction(agents[0], TestPlanners.WaitsForGate, "first", [target], RiskLevel.Low, "", "first"), "agent");
        Assert.Equal(ActionStatus.Executing, first.Action.Status);
        var second = await Orchestrator.SubmitAsync(new ProposedAction(agents[1], TestPlanners.Succeeds, "second", [target], RiskLevel.Low, "", "second"), "agent");
        Assert.Equal((LeaseOutcome.Refused, ActionStatus.Approved), (second.Leases![target].Outcome, second.Action.Status));

        TestPlanners.Gate(first.Action.Id).SetResult();
        var action = fixture.Client.GetGrain<IAgentActionGrain>(second.Action.Id);
        var done = await StreamTests.EventuallyAsync(action.GetAsync, a => a.Status == ActionStatus.Completed, TimeSpan.FromSeconds(15));
        Assert.Equal(ActionStatus.Completed, done.Status);
        Assert.Equal(ActionStatus.Completed, (await fixture.Client.GetGrain<IAgentActionGrain>(first.Action.Id).GetAsync()).Status);
    }
}
