namespace AIOps.Grains.Execution;

/// <summary>
/// One step of an action plan. A step that changes an external system passes
/// <see cref="StepContext.StepToken"/> to it, so a step re-run after a crash or a retry is recognised there and
/// does the work only once.
/// </summary>
public interface IActionStep
{
    /// <summary>Unique within its plan; names the step in reports, logs and the audit trail.</summary>
    string Name { get; }

    /// <summary>
    /// The external system the step calls, e.g. <c>kubernetes-api</c>. Steps naming the same integration share one
    /// circuit breaker; null for a step that calls nothing external (it still gets retries and a timeout).
    /// </summary>
    string? Integration { get; }

    /// <summary>Does the step's work. Throw a transient exception (see <see cref="ResilienceRegistry.IsTransient"/>) to be retried; any other exception fails the step.</summary>
    Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Undoes a completed <see cref="ExecuteAsync"/>; a step with nothing to undo returns <see cref="StepOutcome.NothingToUndo"/>.</summary>
    Task<StepOutcome> CompensateAsync(StepContext context, CancellationToken cancellationToken);
}
