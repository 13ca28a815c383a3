using System.Collections.Immutable;
using AIOps.Abstractions.Actions;
using AIOps.Grains.Execution;
using static AIOps.Grains.Tests.Execution.ExecutionKit;

namespace AIOps.Grains.Tests.Execution;

public sealed class ActionRunnerTests : IDisposable
{
    private readonly ResilienceRegistry _resilience = Resilience();
    private readonly List<string> _log = [];

    public void Dispose() => _resilience.Dispose();

    private FakeStep Step(string name, Func<Exception>? alwaysFails = null, Exception? compensationFails = null, Dictionary<string, string>? outputs = null) =>
        new(name, _log, "kubernetes-api") { AlwaysFails = alwaysFails, CompensationFails = compensationFails, Outputs = outputs ?? [] };

    [Fact]
    public async Task AllStepsSucceedingCompletesTheActionAndPassesOutputsToLaterSteps()
    {
        var read = Step("read-replicas", outputs: new() { ["previousReplicas"] = "3" });
        var scale = Step("scale", outputs: new() { ["replicas"] = "5" });
        var verify = Step("verify-rollout");
        var plan = new ActionPlan([read, scale, verify], new Dictionary<string, string> { ["deployment"] = "shop/cart" });

        var report = await Runner(_resilience).RunAsync(Action(), plan);

        Assert.Equal(ExecutionStatus.Completed, report.Status);
        Assert.True(report.Succeeded);
        Assert.Equal(["read-replicas", "scale", "verify-rollout"], report.Steps.Select(s => s.Name));
        Assert.All(report.Steps, s => Assert.Equal((StepStatus.Completed, 1), (s.Status, s.Attempts)));
        Assert.Empty(report.Compensations);
        Assert.Equal("3", scale.Contexts.Single().Outputs["previousReplicas"]);
        Assert.Equal(new Dictionary<string, string> { ["previousReplicas"] = "3", ["replicas"] = "5" }, verify.Contexts.Single().Outputs);
        Assert.Empty(read.Contexts.Single().Outputs);
        Assert.Equal("shop/cart", verify.Contexts.Single().Parameters["deployment"]);
        Assert.Equal(("act-1:1", "act-1:1:undo", "key-act-1"), (scale.Contexts[0].StepToken, scale.Contexts[0].CompensationToken, scale.Contexts[0].IdempotencyKey));
        Assert.Equal("5", report.MergedOutputs()["replicas"]);
        Assert.StartsWith("Completed scale action act-1: all 3 steps ran ('read-replicas', 'scale', 'verify-rollout')", report.Summary);
        Assert.NotNull(report.FinishedAt);
    }

    [Fact]
    public async Task ATransientFailureIsRetriedAndTheStepThenSucceeds()
    {
        var flaky = Step("scale");
        flaky.FailuresBeforeSuccess.Enqueue(new TransientStepException("429 too many requests"));
        flaky.FailuresBeforeSuccess.Enqueue(new HttpRequestException("connection reset"));
        var observer = new RecordingObserver();

        var report = await Runner(_resilience).RunAsync(Action(), new ActionPlan([flaky]), observer);

        Assert.Equal(ExecutionStatus.Completed, report.Status);
        Assert.Equal(3, flaky.ExecuteCalls);
        Assert.Equal(3, report.Steps.Single().Attempts);
        Assert.Equal([1, 2], observer.Retries.Select(r => r.FailedAttempt));
        Assert.Contains("429 too many requests", observer.Retries[0].Error, StringComparison.Ordinal);
        Assert.All(flaky.Contexts, c => Assert.Equal("act-1:0", c.StepToken));
        Assert.EndsWith("2 transient failures were retried.", report.Summary);
    }

    [Fact]
    public async Task AStepThatKeepsFailingTransientlyFailsAfterTheLastRetry()
    {
        var flaky = Step("scale", alwaysFails: () => new TimeoutException("API did not answer"));

        var report = await Runner(_resilience).RunAsync(Action(), new ActionPlan([flaky]));

        Assert.Equal(ExecutionStatus.Failed, report.Status);
        Assert.Equal(4, flaky.ExecuteCalls);
        Assert.Equal((StepStatus.Failed, 4), (report.Steps.Single().Status, report.Steps.Single().Attempts));
        Assert.Equal("TimeoutException: API did not answer", report.Steps.Single().Error);
    }

    [Fact]
    public async Task APermanentFailureInStepThreeOfFourCompensatesStepsTwoAndOneInThatOrder()
    {
        var first = Step("snapshot");
        var second = Step("scale", outputs: new() { ["previousReplicas"] = "3" });
        var third = Step("apply-config", alwaysFails: () => new InvalidOperationException("config map is invalid"));
        var fourth = Step("verify");

        var report = await Runner(_resilience).RunAsync(Action(), new ActionPlan([first, second, third, fourth]));

        Assert.Equal(ExecutionStatus.Failed, report.Status);
        Assert.Equal(
            ["execute snapshot", "execute scale", "execute apply-config", "compensate scale", "compensate snapshot"], _log);
        Assert.Equal(0, fourth.ExecuteCalls);
        Assert.Equal(0, third.CompensateCalls);
        Assert.Equal(1, third.ExecuteCalls);
        Assert.Equal((StepStatus.Failed, 1), (report.Steps[2].Status, report.Steps[2].Attempts));
        Assert.Equal(["scale", "snapshot"], report.Compensations.Select(c => c.Name));
        Assert.All(report.Compensations, c => Assert.Equal((StepPhase.Compensate, StepStatus.Completed), (c.Phase, c.Status)));
        Assert.Equal("3", second.Contexts.Last().Outputs["previousReplicas"]);
        Assert.Equal(StepPhase.Compensate, second.Contexts.Last().Phase);
        Assert.Equal(
            "Failed scale action act-1 at step 3 of 4, 'apply-config' after 1 attempt: InvalidOperationException: config map is invalid."
            + " Undid 'scale', 'snapshot' in reverse order. 1 later step was not run.",
            report.Summary);
    }

    [Fact]
    public async Task ACompensationThatThrowsIsRecordedAndTheOtherCompensationsStillRun()
    {
        var first = Step("snapshot");
        var second = Step("scale", compensationFails: new InvalidOperationException("deployment was deleted meanwhile"));
        var third = Step("apply-config", alwaysFails: () => new InvalidOperationException("rejected"));

        var report = await Runner(_resilience).RunAsync(Action(), new ActionPlan([first, second, third]));

        Assert.Equal(ExecutionStatus.CompensationFailed, report.Status);
        Assert.False(report.Succeeded);
        Assert.Equal(1, first.CompensateCalls);
        Assert.Equal(
            [("scale", StepStatus.Failed), ("snapshot", StepStatus.Completed)],
            report.Compensations.Select(c => (c.Name, c.Status)));
        Assert.Equal("InvalidOperationException: deployment was deleted meanwhile", report.Compensations[0].Error);
        Assert.Contains("Undoing 'scale' failed", report.Summary, StringComparison.Ordinal);
        Assert.Contains("check them by hand", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAttemptThatOutlivesTheStepTimeoutCountsAsTransient()
    {
        using var resilience = Resilience(FastOptions(maxRetries: 1, stepTimeout: TimeSpan.FromMilliseconds(50)));
        var hanging = new FakeStep("wait-rollout", _log, "kubernetes-api") { During = ct => Task.Delay(Timeout.Infinite, ct) };

        var report = await Runner(resilience).RunAsync(Action(), new ActionPlan([hanging]));

        Assert.Equal(ExecutionStatus.Failed, report.Status);
        Assert.Equal(2, report.Steps.Single().Attempts);
        Assert.StartsWith("TimeoutRejectedException", report.Steps.Single().Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheObserverHearsEveryStepRetryAndCompensationInOrder()
    {
        var first = Step("snapshot");
        var second = Step("scale", alwaysFails: () => new InvalidOperationException("no"));
        second.FailuresBeforeSuccess.Enqueue(new TransientStepException("throttled"));
        var observer = new RecordingObserver();

        await Runner(_resilience).RunAsync(Action(), new ActionPlan([first, second]), observer);

        Assert.Equal(
            [
                "started snapshot", "finished snapshot Completed",
                "started scale", "retrying scale after attempt 1", "finished scale Failed",
                "compensating snapshot", "compensated snapshot Completed",
                "execution Failed",
            ],
            observer.Events);
    }

    [Fact]
    public async Task AResumedRunSkipsTheStepsTheCrashedRunCompleted()
    {
        var steps = new[] { Step("a", outputs: new() { ["fromA"] = "1" }), Step("b"), Step("c"), Step("d") };
        var plan = new ActionPlan(steps);
        var crashing = new RecordingObserver { CrashAfterStep = "b" };

        await Assert.ThrowsAsync<SimulatedCrashException>(() => Runner(_resilience).RunAsync(Action(), plan, crashing));
        var progress = crashing.LastProgress!;
        var report = await Runner(_resilience).RunAsync(Action(), plan, previous: progress);

        Assert.Equal(ExecutionStatus.Running, progress.Status);
        Assert.Equal(ExecutionStatus.Completed, report.Status);
        Assert.Equal(["execute a", "execute b", "execute c", "execute d"], _log);
        Assert.Equal(["a", "b", "c", "d"], report.Steps.Select(s => s.Name));
        Assert.Equal(progress.StartedAt, report.StartedAt);
        Assert.Equal("1", steps[2].Contexts.Single().Outputs["fromA"]);
    }

    [Fact]
    public async Task AResumedRunThatCrashedWhileCompensatingUndoesOnlyWhatIsLeft()
    {
        var steps = new[] { Step("a"), Step("b"), Step("c") };
        StepRecord Record(int index, StepPhase phase, StepStatus status) =>
            new(index, steps[index].Name, "kubernetes-api", phase, status, At, At, 1, null, status == StepStatus.Failed ? "boom" : null, ImmutableDictionary<string, string>.Empty);
        var previous = ExecutionReport.FromRecords(Action(), 3, At,
        [
            Record(1, StepPhase.Compensate, StepStatus.Completed),
            Record(0, StepPhase.Execute, StepStatus.Completed),
            Record(2, StepPhase.Execute, StepStatus.Failed),
            Record(1, StepPhase.Execute, StepStatus.Completed),
            Record(0, StepPhase.Execute, StepStatus.Completed),
        ]);

        var report = await Runner(_resilience).RunAsync(Action(), new ActionPlan(steps), previous: previous);

        Assert.StartsWith("Compensating scale action act-1 at step 3 of 3, 'c'", previous.Summary, StringComparison.Ordinal);
        Assert.Equal(["compensate a"], _log);
        Assert.Equal(ExecutionStatus.Failed, report.Status);
        Assert.Equal(["a", "b", "c"], report.Steps.Select(s => s.Name));
        Assert.Equal(["b", "a"], report.Compensations.Select(c => c.Name));
    }

    [Fact]
    public async Task AFinishedReportIsReturnedAsItIsWithoutRunningAnything()
    {
        var step = Step("a");
        var plan = new ActionPlan([step]);
        var first = await Runner(_resilience).RunAsync(Action(), plan);

        var again = await Runner(_resilience).RunAsync(Action(status: ActionStatus.Completed), plan, previous: first);

        Assert.Same(first, again);
        Assert.Equal(1, step.ExecuteCalls);
    }

    [Fact]
    public async Task AReportFromAnotherPlanIsNotResumed()
    {
        var previous = ExecutionReport.FromRecords(Action(), 2, At,
            [new StepRecord(0, "old-name", null, StepPhase.Execute, StepStatus.Completed, At, At, 1, "ok", null, ImmutableDictionary<string, string>.Empty)]);
        var step = Step("new-name");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Runner(_resilience).RunAsync(Action(), new ActionPlan([step, Step("b")]), previous: previous));

        Assert.Contains("step 1 was 'old-name'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, step.ExecuteCalls);
    }

    [Theory]
    [InlineData(ActionStatus.Pending)]
    [InlineData(ActionStatus.Approved)]
    [InlineData(ActionStatus.Rejected)]
    public async Task AnActionThatIsNotExecutingDoesNotRun(ActionStatus status)
    {
        var step = Step("a");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Runner(_resilience).RunAsync(Action(status: status), new ActionPlan([step])));

        Assert.Contains("only an executing action runs its steps", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, step.ExecuteCalls);
    }

    [Fact]
    public async Task CancellingTheRunStopsItWithoutCompensating()
    {
        using var cancel = new CancellationTokenSource();
        var first = Step("a");
        var second = new FakeStep("b", _log, "kubernetes-api")
        {
            During = async ct =>
            {
                await cancel.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct);
            },
        };
        var observer = new RecordingObserver();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Runner(_resilience).RunAsync(Action(), new ActionPlan([first, second]), observer, cancellationToken: cancel.Token));

        Assert.Equal(0, first.CompensateCalls);
        Assert.Equal(1, second.ExecuteCalls);
        Assert.Equal(["a"], observer.LastProgress!.Steps.Select(s => s.Name));
    }
}
