using AIOps.Grains.Execution;

namespace AIOps.Grains.Tests.Execution;

public sealed class ModelFallbackTests
{
    private sealed record ScaleDecision(int Replicas);

    private int _rulesCalls;

    private Task<ScaleDecision> Rules(CancellationToken cancellationToken)
    {
        _rulesCalls++;
        return Task.FromResult(new ScaleDecision(4));
    }

    [Fact]
    public async Task TheModelDecidesWhenItIsAvailable()
    {
        var result = await ModelFallback.DecideAsync<ScaleDecision>("capacity-v2", _ => Task.FromResult<ScaleDecision?>(new ScaleDecision(7)), Rules);

        Assert.Equal(new ScaleDecision(7), result.Decision);
        Assert.Equal(DecisionSource.Model, result.Source);
        Assert.False(result.FellBack);
        Assert.Equal("decided by model 'capacity-v2'", result.Reason);
        Assert.Equal(0, _rulesCalls);
    }

    [Fact]
    public async Task AnUnavailableModelFallsBackToTheRulesAndTheReasonSaysSo()
    {
        var result = await ModelFallback.DecideAsync<ScaleDecision>(
            "capacity-v2", _ => throw new ModelUnavailableException("not trained yet: 12 of 100 samples."), Rules);

        Assert.Equal(new ScaleDecision(4), result.Decision);
        Assert.True(result.FellBack);
        Assert.Equal("model 'capacity-v2' unavailable (not trained yet: 12 of 100 samples); used rule-based decision", result.Reason);
        Assert.Equal(1, _rulesCalls);
    }

    [Fact]
    public async Task AModelThatGivesNoDecisionCountsAsUnavailable()
    {
        var result = await ModelFallback.DecideAsync<ScaleDecision>("capacity-v2", _ => Task.FromResult<ScaleDecision?>(null), Rules);

        Assert.Equal(DecisionSource.Rules, result.Source);
        Assert.Equal("model 'capacity-v2' unavailable (it gave no decision); used rule-based decision", result.Reason);
    }

    [Fact]
    public async Task AnyOtherModelErrorIsABugAndIsNotHiddenByTheRules()
    {
        await Assert.ThrowsAsync<IndexOutOfRangeException>(
            () => ModelFallback.DecideAsync<ScaleDecision>("capacity-v2", _ => throw new IndexOutOfRangeException(), Rules));

        Assert.Equal(0, _rulesCalls);
    }

    [Fact]
    public void SynchronousDecisionLogicFallsBackTheSameWay()
    {
        var used = ModelFallback.Decide<string>("anomaly-v1", () => throw new ModelUnavailableException("scorer is down"), () => "restart");
        var model = ModelFallback.Decide<string>("anomaly-v1", () => "scale", () => "restart");

        Assert.Equal(("restart", "model 'anomaly-v1' unavailable (scorer is down); used rule-based decision"), (used.Decision, used.Reason));
        Assert.Equal(("scale", DecisionSource.Model), (model.Decision, model.Source));
    }
}
