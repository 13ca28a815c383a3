namespace AIOps.Grains.Execution;

/// <summary>
/// Hears every step of a run as it happens, so the action grain can journal and audit it and resume from the last
/// <c>progress</c> report it stored after a crash. An observer that throws stops the run (the exception reaches
/// the caller): an action must not go on changing things it cannot record.
/// </summary>
public interface IExecutionObserver
{
    /// <summary>A step is about to run.</summary>
    Task OnStepStartedAsync(StepStarted step, CancellationToken cancellationToken);

    /// <summary>An attempt failed transiently and will be retried.</summary>
    Task OnStepRetryingAsync(StepRetry retry, CancellationToken cancellationToken);

    /// <summary>A step completed or failed; <paramref name="progress"/> is the report so far, ready to resume from.</summary>
    Task OnStepFinishedAsync(StepRecord step, ExecutionReport progress, CancellationToken cancellationToken);

    /// <summary>A completed step's compensation is about to run.</summary>
    Task OnCompensationStartedAsync(StepStarted step, CancellationToken cancellationToken);

    /// <summary>A compensation completed or failed; <paramref name="progress"/> is the report so far.</summary>
    Task OnCompensationFinishedAsync(StepRecord compensation, ExecutionReport progress, CancellationToken cancellationToken);

    /// <summary>The run finished; the action moves to completed when <see cref="ExecutionReport.Succeeded"/>, else to failed.</summary>
    Task OnExecutionFinishedAsync(ExecutionReport report, CancellationToken cancellationToken);
}
