using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Audit;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Tests.Orchestration;

[Collection(ClusterCollection.Name)]
public sealed class ActionExecutionTests(ClusterFixture fixture)
{
    private IOrchestratorGrain Orchestrator => fixture.Client.GetGrain<IOrchestratorGrain>(IOrchestratorGrain.Key);

    private async Task<ActionSubmission> ApprovedAsync(string type)
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var agent = $"kubernetes-{run}";
        await Orchestrator.RegisterAgentAsync(new AgentConfig(agent, agent, AgentType.Kubernetes, true, AutomationLevel.FullAuto, ImmutableDictionary<string, double>.Empty, false, [], default, default), "admin");
        var target = $"k8s:staging:deployment/shop/exec-{run}";
        await fixture.Client.GetGrain<IResourceGrain>(target).UpsertAsync(new ResourceSpec(
            "k8s", "deployment", "exec", "staging", ImmutableDictionary<string, string>.Empty.Add("env", "staging"), ImmutableDictionary<string, string>.Empty, [], 0.1m));
        var submission = await Orchestrator.SubmitAsync(new ProposedAction(agent, type, "roll out", [target], RiskLevel.Low, "", run), "agent");
        Assert.Equal(ActionStatus.Approved, submission.Action.Status);
        return submission;
    }

    [Fact]
    public async Task AnApprovedActionExecutesItsPlanCompletesAndReleasesItsLeases()
    {
        var submission = await ApprovedAsync(TestPlanners.Succeeds);
        var action = fixture.Client.GetGrain<IAgentActionGrain>(submission.Action.Id);
        var target = submission.Action.TargetResources[0];

        var started = await action.ExecuteAsync();
        Assert.Contains(started.Status, new[] { ActionStatus.Executing, ActionStatus.Completed });
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
        var submission = await ApprovedAsync(TestPlanners.FailsAtApply);
        var action = fixture.Client.GetGrain<IAgentActionGrain>(submission.Action.Id);
        await action.ExecuteAsync();
        var failed = await StreamTests.EventuallyAsync(action.GetAsync, a => a.Status == ActionStatus.Failed, TimeSpan.FromSeconds(10));
        Assert.Equal(ActionStatus.Failed, failed.Status);
        Assert.Equal(["execute snapshot", "execute apply", "undo snapshot"], TestPlanners.Of(failed.Id));
        Assert.Contains("apply refused by the target", failed.Result, StringComparison.Ordinal);
        var timeline = await action.GetTimelineAsync();
        Assert.Contains(timeline, t => t.Summary.StartsWith("Compensated 1/3 'snapshot'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExecutionRequestedThreeTimesRunsItsStepsOnce()
    {
        var submission = await ApprovedAsync(TestPlanners.Succeeds);
        var action = fixture.Client.GetGrain<IAgentActionGrain>(submission.Action.Id);
        await Task.WhenAll(action.ExecuteAsync(), action.ExecuteAsync(), action.ExecuteAsync());
        await StreamTests.EventuallyAsync(action.GetAsync, a => a.Status == ActionStatus.Completed, TimeSpan.FromSeconds(10));
        await action.ExecuteAsync().ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.Equal(["execute snapshot", "execute apply"], TestPlanners.Of(submission.Action.Id));
    }

    [Fact]
    public async Task AnActionWithoutTheLeaseOrOfAnUnknownTypeDoesNotStart()
    {
        var submission = await ApprovedAsync(TestPlanners.Succeeds);
        var target = submission.Action.TargetResources[0];
        await fixture.Client.GetGrain<IResourceGrain>(target).ReleaseLeaseAsync(submission.Action.Id);
        await fixture.Client.GetGrain<IResourceGrain>(target).AcquireLeaseAsync(new LeaseRequest("someone-else", "terraform", 9, TimeSpan.FromMinutes(1)));
        var action = fixture.Client.GetGrain<IAgentActionGrain>(submission.Action.Id);
        await Assert.ThrowsAsync<ConflictException>(() => action.ExecuteAsync());
        Assert.Equal(ActionStatus.Approved, (await action.GetAsync()).Status);

        var unknown = await ApprovedAsync("no-such-type");
        var error = await Assert.ThrowsAsync<ValidationException>(() => fixture.Client.GetGrain<IAgentActionGrain>(unknown.Action.Id).ExecuteAsync());
        Assert.Contains("no planner is registered for action type 'no-such-type'", error.Errors["type"][0], StringComparison.Ordinal);
    }
}
