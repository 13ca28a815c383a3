using AIOps.Grains.Execution;

namespace AIOps.Grains.Tests.Execution;

/// <summary>Writes every notification to a list, keeps the last progress report, and can crash the run where told.</summary>
internal sealed class RecordingObserver : IExecutionObserver
{
    public List<string> Events { get; } = [];

    public List<StepRetry> Retries { get; } = [];

    public ExecutionReport? LastProgress { get; private set; }

    /// <summary>Name of the step after whose completion the observer throws, as a crashing silo would stop the run.</summary>
    public string? CrashAfterStep { get; init; }

    public Task OnStepStartedAsync(StepStarted step, CancellationToken cancellationToken) => Add($"started {step.Name}");

    public Task OnStepRetryingAsync(StepRetry retry, CancellationToken cancellationToken)
    {
        Retries.Add(retry);
        return Add($"retrying {retry.Name} after attempt {retry.FailedAttempt}");
    }

    public Task OnStepFinishedAsync(StepRecord step, ExecutionReport progress, CancellationToken cancellationToken)
    {
        LastProgress = progress;
        Events.Add($"finished {step.Name} {step.Status}");
        return step.Name == CrashAfterStep ? throw new SimulatedCrashException() : Task.CompletedTask;
    }

    public Task OnCompensationStartedAsync(StepStarted step, CancellationToken cancellationToken) => Add($"compensating {step.Name}");

    public Task OnCompensationFinishedAsync(StepRecord compensation, ExecutionReport progress, CancellationToken cancellationToken)
    {
        LastProgress = progress;
        return Add($"compensated {compensation.Name} {compensation.Status}");
    }

    public Task OnExecutionFinishedAsync(ExecutionReport report, CancellationToken cancellationToken) => Add($"execution {report.Status}");

    private Task Add(string entry)
    {
        Events.Add(entry);
        return Task.CompletedTask;
    }
}
