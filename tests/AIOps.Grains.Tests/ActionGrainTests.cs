using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Grains.Execution;

namespace AIOps.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ActionGrainTests(ClusterFixture fixture)
{
    private IAgentActionGrain NewAction() => fixture.Client.GetGrain<IAgentActionGrain>("act-" + Guid.NewGuid().ToString("N"));

    private static ProposedAction Proposal(string key = "k1") =>
        new("kubernetes", "scale", "scale cart 3 → 5", ["k8s:prod:deployment/shop/cart"], RiskLevel.Medium, "+2 pods", key);

    [Fact]
    public async Task AnActionMovesFromPendingThroughExecutionToCompleted()
    {
        var grain = NewAction();
        Assert.Equal(ActionStatus.Pending, (await grain.ProposeAsync(Proposal())).Status);
        Assert.Equal(ActionStatus.Approved, (await grain.ApproveAsync("carol", "ok")).Status);
        var executing = await grain.StartExecutionAsync("kubernetes");
        Assert.Equal(ActionStatus.Executing, executing.Status);
        Assert.NotNull(executing.ExecutedAt);
        var done = await grain.CompleteAsync("kubernetes", "5/5 ready");
        Assert.Equal(ActionStatus.Completed, done.Status);
        Assert.Equal("5/5 ready", done.Result);
        Assert.Equal(4, done.Version);
        Assert.Equal(["proposed", "status-changed", "status-changed", "status-changed"], (await grain.GetTimelineAsync()).Select(t => t.Type));
    }

    [Fact]
    public async Task ACompletedActionCannotExecuteAgain()
    {
        var grain = NewAction();
        await grain.ProposeAsync(Proposal());
        await grain.ApproveAsync("carol", null);
        await grain.StartExecutionAsync("kubernetes");
        var done = await grain.CompleteAsync("kubernetes", "ok");

        var error = await Assert.ThrowsAsync<InvalidTransitionException>(() => grain.StartExecutionAsync("kubernetes"));
        Assert.Equal(("completed", "executing"), (error.From, error.To));
        Assert.Equal(done.Version, (await grain.GetAsync()).Version);
    }

    [Theory]
    [InlineData("execute-before-approval")]
    [InlineData("approve-rejected")]
    [InlineData("complete-pending")]
    public async Task IllegalTransitionsAreRefused(string scenario)
    {
        var grain = NewAction();
        await grain.ProposeAsync(Proposal());
        Func<Task> illegal = scenario switch
        {
            "execute-before-approval" => () => grain.StartExecutionAsync("x"),
            "approve-rejected" => async () =>
            {
                await grain.RejectAsync("carol", "too risky");
                await grain.ApproveAsync("carol", null);
            }
            ,
            "complete-pending" => () => grain.CompleteAsync("x", "done"),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
        await Assert.ThrowsAsync<InvalidTransitionException>(illegal);
    }

    [Fact]
    public async Task ProposingAgainWithTheSameKeyReturnsTheSameActionAndAnotherKeyConflicts()
    {
        var grain = NewAction();
        var first = await grain.ProposeAsync(Proposal("same"));
        var again = await grain.ProposeAsync(Proposal("same"));
        Assert.Equal(first.Version, again.Version);
        Assert.Single(await grain.GetTimelineAsync());
        await Assert.ThrowsAsync<ConflictException>(() => grain.ProposeAsync(Proposal("other")));
    }

    [Fact]
    public async Task AProposalWithoutTargetsNamesTheField()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => NewAction().ProposeAsync(Proposal() with { TargetResources = [] }));
        Assert.Contains("targetResources", error.Errors.Keys);
    }

    [Fact]
    public async Task WhenTheModelIsUnavailableTheRuleBasedDecisionSaysSoInTheActionsRationale()
    {
        var replicas = await ModelFallback.DecideAsync<string>(
            "demand-forecast",
            _ => throw new ModelUnavailableException("no model trained for this workload yet"),
            _ => Task.FromResult("5"));
        Assert.True(replicas.FellBack);

        var grain = NewAction();
        var action = await grain.ProposeAsync(Proposal() with { Description = $"scale cart to {replicas.Decision}", Rationale = ["p95 CPU 91% over 15 min", replicas.Reason] });
        Assert.Equal(2, action.Rationale.Length);
        Assert.Contains("model 'demand-forecast' unavailable", action.Rationale[1], StringComparison.Ordinal);
        Assert.Contains("rule-based", (await grain.GetAsync()).Rationale[1], StringComparison.Ordinal);
    }
}
