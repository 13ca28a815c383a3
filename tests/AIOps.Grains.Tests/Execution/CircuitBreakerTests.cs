using AIOps.Grains.Execution;
using Polly.CircuitBreaker;
using static AIOps.Grains.Tests.Execution.ExecutionKit;

namespace AIOps.Grains.Tests.Execution;

public sealed class CircuitBreakerTests
{
    [Fact]
    public async Task AnOpenCircuitFailsTheNextActionOnThatIntegrationFastWhileOtherIntegrationsRun()
    {
        using var resilience = Resilience(FastOptions(maxRetries: 3, minimumThroughput: 2));
        var runner = Runner(resilience);
        var dead = new FakeStep("scale", integration: "kubernetes-api") { AlwaysFails = () => new HttpRequestException("503 from API server") };
        var next = new FakeStep("scale", integration: "kubernetes-api");
        var elsewhere = new FakeStep("resize-volume", integration: "aws-api");

        var first = await runner.RunAsync(Action("act-1"), new ActionPlan([dead]));
        var second = await runner.RunAsync(Action("act-2"), new ActionPlan([next]));
        var third = await runner.RunAsync(Action("act-3"), new ActionPlan([elsewhere]));

        Assert.Equal(ExecutionStatus.Failed, first.Status);
        Assert.Equal(2, dead.ExecuteCalls);
        Assert.Equal(2, first.Steps.Single().Attempts);
        Assert.Equal(CircuitState.Open, resilience.GetCircuitState("kubernetes-api"));
        Assert.Equal(CircuitState.Open, resilience.GetCircuitState("Kubernetes-API"));

        Assert.Equal(ExecutionStatus.Failed, second.Status);
        Assert.Equal(0, next.ExecuteCalls);
        Assert.Equal(0, second.Steps.Single().Attempts);
        Assert.StartsWith("circuit for 'kubernetes-api' is open, calls are refused", second.Steps.Single().Error, StringComparison.Ordinal);
        Assert.Contains("no attempt (circuit open)", second.Summary, StringComparison.Ordinal);

        Assert.Equal(ExecutionStatus.Completed, third.Status);
        Assert.Equal(1, elsewhere.ExecuteCalls);
        Assert.Equal(CircuitState.Closed, resilience.GetCircuitState("aws-api"));
    }

    [Fact]
    public async Task PermanentFailuresDoNotOpenTheCircuit()
    {
        using var resilience = Resilience(FastOptions(minimumThroughput: 2));
        var runner = Runner(resilience);

        for (var i = 0; i < 3; i++)
        {
            var rejected = new FakeStep("scale", integration: "kubernetes-api") { AlwaysFails = () => new InvalidOperationException("forbidden") };
            await runner.RunAsync(Action($"act-{i}"), new ActionPlan([rejected]));
        }

        Assert.Equal(CircuitState.Closed, resilience.GetCircuitState("kubernetes-api"));
    }

    [Fact]
    public void StepsWithoutAnIntegrationShareNoCircuit()
    {
        using var resilience = Resilience();

        Assert.Same(resilience.GetPipeline(null), resilience.GetPipeline(" "));
        Assert.Null(resilience.GetCircuitState("never-called"));
    }
}
