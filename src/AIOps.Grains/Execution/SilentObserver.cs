namespace AIOps.Grains.Execution;

/// <summary>The observer of a run nobody watches.</summary>
internal sealed class SilentObserver : IExecutionObserver
{
    public static SilentObserver Instance { get; } = new();

    public Task OnStepStartedAsync(StepStarted step, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnStepRetryingAsync(StepRetry retry, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnStepFinishedAsync(StepRecord step, ExecutionReport progress, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnCompensationStartedAsync(StepStarted step, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnCompensationFinishedAsync(StepRecord compensation, ExecutionReport progress, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnExecutionFinishedAsync(ExecutionReport report, CancellationToken cancellationToken) => Task.CompletedTask;
}
