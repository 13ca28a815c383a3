using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using AIOps.Abstractions.Actions;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace AIOps.Grains.Execution;

/// <summary>
/// Runs an action plan step by step, each step through its integration's resilience pipeline. When a step fails for
/// good, the steps that completed before it are compensated in reverse order; a compensation that fails is recorded and
/// the others still run. A run given the report of an earlier, unfinished run of the same action skips the steps that
/// report records as completed, so a crash between steps does not repeat work.
/// </summary>
public sealed partial class ActionRunner(ResilienceRegistry resilience, TimeProvider clock, ILogger<ActionRunner> logger)
{
    /// <summary>
    /// Runs <paramref name="plan"/> for <paramref name="action"/>, which must be executing, and reports how it went.
    /// A finished <paramref name="previous"/> report is returned as it is. Cancellation stops the run without
    /// compensating (the silo is going away, not the action failing): resume it later from the last progress report.
    /// </summary>
    public async Task<ExecutionReport> RunAsync(
        AgentAction action,
        ActionPlan plan,
        IExecutionObserver? observer = null,
        ExecutionReport? previous = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(plan);
        if (previous is not null)
        {
            EnsureResumable(action, plan, previous);
            if (previous.IsFinished)
            {
                return previous;
            }
        }

        if (action.Status != ActionStatus.Executing)
        {
            throw new InvalidOperationException(
                $"action '{action.Id}' is {action.Status.ToString().ToLowerInvariant()}; only an executing action runs its steps.");
        }

        var run = new Run(action, plan, observer ?? SilentObserver.Instance, previous, clock.GetUtcNow());
        try
        {
            return await RunAsync(run, cancellationToken);
        }
        catch (ObserverFailedException e)
        {
            ExceptionDispatchInfo.Throw(e.InnerException!);
            throw;
        }
    }

    private static void EnsureResumable(AgentAction action, ActionPlan plan, ExecutionReport previous)
    {
        if (previous.ActionId != action.Id)
        {
            throw new ArgumentException($"the report is of action '{previous.ActionId}', not '{action.Id}'.", nameof(previous));
        }

        if (previous.PlannedSteps != plan.Steps.Length)
        {
            throw new InvalidOperationException(
                $"the plan of action '{action.Id}' changed since its first run: it had {previous.PlannedSteps} steps, now {plan.Steps.Length}.");
        }

        var records = (previous.Steps.IsDefault ? [] : previous.Steps).Concat(previous.Compensations.IsDefault ? [] : previous.Compensations);
        foreach (var record in records)
        {
            if (record.Index < 0 || record.Index >= plan.Steps.Length || plan.Steps[record.Index].Name != record.Name)
            {
                throw new InvalidOperationException(
                    $"the plan of action '{action.Id}' changed since its first run: step {record.Index + 1} was '{record.Name}'.");
            }
        }
    }

    private async Task<ExecutionReport> RunAsync(Run run, CancellationToken cancellationToken)
    {
        var failed = run.Steps.FirstOrDefault(s => s.Status == StepStatus.Failed);
        if (failed is null)
        {
            var completed = run.Steps.Where(s => s.Status == StepStatus.Completed).Select(s => s.Index).ToHashSet();
            for (var index = 0; index < run.Plan.Steps.Length && failed is null; index++)
            {
                if (completed.Contains(index))
                {
                    continue;
                }

                var record = await RunStepAsync(run, index, StepPhase.Execute, cancellationToken);
                run.Steps.Add(record);
                await Notify(() => run.Observer.OnStepFinishedAsync(record, run.Report(ExecutionStatus.Running, null), cancellationToken));
                failed = record.Status == StepStatus.Failed ? record : null;
            }
        }

        if (failed is not null)
        {
            await CompensateAsync(run, failed, cancellationToken);
        }

        var status = failed is null ? ExecutionStatus.Completed
            : run.Compensations.Any(c => c.Status == StepStatus.Failed) ? ExecutionStatus.CompensationFailed
            : ExecutionStatus.Failed;
        var report = run.Report(status, clock.GetUtcNow());
        LogFinished(logger, run.Action.Id, status, report.Summary);
        await Notify(() => run.Observer.OnExecutionFinishedAsync(report, cancellationToken));
        return report;
    }

    private async Task CompensateAsync(Run run, StepRecord failed, CancellationToken cancellationToken)
    {
        var compensated = run.Compensations.Select(c => c.Index).ToHashSet();
        var toUndo = run.Steps
            .Where(s => s.Status == StepStatus.Completed && s.Index < failed.Index && !compensated.Contains(s.Index))
            .OrderByDescending(s => s.Index)
            .ToList();
        foreach (var step in toUndo)
        {
            var record = await RunStepAsync(run, step.Index, StepPhase.Compensate, cancellationToken);
            run.Compensations.Add(record);
            await Notify(() => run.Observer.OnCompensationFinishedAsync(record, run.Report(ExecutionStatus.Running, null), cancellationToken));
        }
    }

    private async Task<StepRecord> RunStepAsync(Run run, int index, StepPhase phase, CancellationToken cancellationToken)
    {
        var step = run.Plan.Steps[index];
        var context = new StepContext(
            run.Action.Id, run.Action.IdempotencyKey, index, step.Name, phase, run.Plan.Parameters,
            run.Outputs(phase == StepPhase.Execute ? index - 1 : index));
        var startedAt = clock.GetUtcNow();
        var started = new StepStarted(run.Action.Id, index, step.Name, step.Integration, phase, startedAt);
        await Notify(() => phase == StepPhase.Execute
            ? run.Observer.OnStepStartedAsync(started, cancellationToken)
            : run.Observer.OnCompensationStartedAsync(started, cancellationToken));

        var attempts = 0;
        var resilienceContext = ResilienceContextPool.Shared.Get(cancellationToken);
        resilienceContext.Properties.Set(ResilienceRegistry.RetryListener, async (failedAttempt, delay, error) =>
        {
            var why = Describe(step, error);
            LogRetrying(logger, run.Action.Id, step.Name, phase, failedAttempt, delay, why);
            await Notify(() => run.Observer.OnStepRetryingAsync(
                new StepRetry(run.Action.Id, index, step.Name, phase, failedAttempt, delay, why), cancellationToken));
        });
        try
        {
            var outcome = await resilience.GetPipeline(step.Integration).ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    return phase == StepPhase.Execute
                        ? await step.ExecuteAsync(context, ctx.CancellationToken)
                        : await step.CompensateAsync(context, ctx.CancellationToken);
                },
                resilienceContext);
            outcome ??= new StepOutcome("", ImmutableDictionary<string, string>.Empty);
            return new StepRecord(
                index, step.Name, step.Integration, phase, StepStatus.Completed, startedAt, clock.GetUtcNow(), attempts,
                outcome.Result, null, outcome.Outputs ?? ImmutableDictionary<string, string>.Empty);
        }
        catch (Exception e) when (e is not ObserverFailedException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var why = Describe(step, e);
            if (phase == StepPhase.Execute)
            {
                LogStepFailed(logger, e, run.Action.Id, step.Name, attempts, why);
            }
            else
            {
                LogCompensationFailed(logger, e, run.Action.Id, step.Name, attempts, why);
            }

            return new StepRecord(
                index, step.Name, step.Integration, phase, StepStatus.Failed, startedAt, clock.GetUtcNow(), attempts,
                null, why, ImmutableDictionary<string, string>.Empty);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }
    }

    // Observer failures must stop the run, not pass for a failed step: carried through Polly and the step's catch, unwrapped at the top.
    private static async Task Notify(Func<Task> notify)
    {
        try
        {
            await notify();
        }
        catch (Exception e) when (e is not ObserverFailedException)
        {
            throw new ObserverFailedException(e);
        }
    }

    private static string Describe(IActionStep step, Exception? error) => error switch
    {
        null => "unknown error",
        BrokenCircuitException b => $"circuit for '{step.Integration}' is open, calls are refused"
            + (b.RetryAfter is { } after ? $" for another {after.TotalSeconds:0.#} s" : "")
            + (b.InnerException is { } cause ? $" (last error: {cause.GetType().Name}: {cause.Message})" : ""),
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {ActionId}: {Phase} of step {Step} failed on attempt {Attempt}, retrying in {Delay}: {Error}")]
    private static partial void LogRetrying(ILogger logger, string actionId, string step, StepPhase phase, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action {ActionId}: step {Step} failed after {Attempts} attempts: {Error}")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string actionId, string step, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Action {ActionId}: compensation of step {Step} failed after {Attempts} attempts, the target may be half-changed: {Error}")]
    private static partial void LogCompensationFailed(ILogger logger, Exception exception, string actionId, string step, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {ActionId} finished {Status}: {Summary}")]
    private static partial void LogFinished(ILogger logger, string actionId, ExecutionStatus status, string summary);

    private sealed class ObserverFailedException(Exception inner) : Exception("an execution observer failed", inner);

    /// <summary>The mutable state of one run; the runner itself is stateless and shared.</summary>
    private sealed class Run(AgentAction action, ActionPlan plan, IExecutionObserver observer, ExecutionReport? previous, DateTimeOffset now)
    {
        public AgentAction Action { get; } = action;

        public ActionPlan Plan { get; } = plan;

        public IExecutionObserver Observer { get; } = observer;

        public DateTimeOffset StartedAt { get; } = previous?.StartedAt ?? now;

        public List<StepRecord> Steps { get; } = [.. (previous is null || previous.Steps.IsDefault ? [] : previous.Steps).OrderBy(s => s.Index)];

        public List<StepRecord> Compensations { get; } = [.. previous is null || previous.Compensations.IsDefault ? [] : previous.Compensations];

        public ImmutableDictionary<string, string> Outputs(int lastIndex) => ExecutionReport.MergeOutputs(Steps, lastIndex);

        public ExecutionReport Report(ExecutionStatus status, DateTimeOffset? finishedAt)
        {
            var report = new ExecutionReport(
                Action.Id, Action.Type, Action.IdempotencyKey, status, Plan.Steps.Length, StartedAt, finishedAt,
                [.. Steps.OrderBy(s => s.Index)], [.. Compensations], "");
            return report with { Summary = ExecutionSummary.Describe(report) };
        }
    }
}
