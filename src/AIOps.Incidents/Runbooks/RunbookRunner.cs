using System.Globalization;

namespace AIOps.Incidents.Runbooks;

/// <summary>
/// Runs a planned runbook step by step against an <see cref="IRunbookEnvironment"/>, from wherever
/// <see cref="RunbookProgress"/> says it stopped. Every change of progress is handed to the checkpoint before the
/// next side effect, and every step's idempotency key is derived from the execution id and its position, so a
/// resumed execution repeats no action. A failed step follows its <see cref="FailurePolicy"/>.
/// </summary>
public static class RunbookRunner
{
    /// <summary>Runs (or resumes) <paramref name="plan"/>; returns the final progress.</summary>
    public static async Task<RunbookProgress> RunAsync(
        RunbookPlan plan, RunbookProgress progress, IRunbookEnvironment environment, Func<RunbookProgress, Task> checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (progress.Status is StepStates.Succeeded or StepStates.Failed)
        {
            return progress;
        }

        progress.Status = StepStates.Running;
        await checkpoint(progress);
        for (var i = 0; i < plan.Steps.Length; i++)
        {
            var step = plan.Steps[i];
            var record = progress.Steps[i];
            if (record.Status == StepStates.Succeeded || (record.Status == StepStates.Failed && step.OnFailure == FailurePolicy.Continue))
            {
                continue;
            }

            if (record.Status != StepStates.Failed)
            {
                await RunStepAsync(step, record, plan.Steps.Length, environment, checkpoint, progress, cancellationToken);
            }

            if (record.Status == StepStates.Failed && step.OnFailure != FailurePolicy.Continue)
            {
                if (step.OnFailure == FailurePolicy.Compensate)
                {
                    await CompensateAsync(plan, progress, i, environment, checkpoint, cancellationToken);
                }

                progress.Status = StepStates.Failed;
                progress.Error = $"step {i + 1} '{step.Name}' failed: {record.Detail}";
                await checkpoint(progress);
                await environment.NoteAsync($"runbook '{plan.Runbook.Id}' failed at step {i + 1} '{step.Name}'{(step.OnFailure == FailurePolicy.Compensate ? " after compensating the completed steps" : "")}", cancellationToken);
                return progress;
            }
        }

        progress.Status = StepStates.Succeeded;
        progress.Verified = plan.Steps.Where(s => s.Action == RunbookActions.Wait).All(s => progress.Steps[s.Index].Status == StepStates.Succeeded);
        await checkpoint(progress);
        await environment.NoteAsync($"runbook '{plan.Runbook.Id}' succeeded{(progress.Verified ? " and its verification passed" : "; a verification did not pass")}", cancellationToken);
        return progress;
    }

    private static async Task RunStepAsync(
        PlannedStep step, StepProgress record, int count, IRunbookEnvironment environment, Func<RunbookProgress, Task> checkpoint, RunbookProgress progress, CancellationToken cancellationToken)
    {
        record.Status = StepStates.Running;
        record.StartedAt ??= environment.Time.GetUtcNow();
        if (RunbookActions.IsEstateAction(step.Action))
        {
            record.ActionId ??= environment.ActionIdFor(record.Key);
        }

        await checkpoint(progress);
        StepResult result;
        try
        {
            result = await ExecuteAsync(step, record.Key, record.StartedAt.Value, environment, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = new StepResult(false, e.Message);
        }

        record.Status = result.Succeeded ? StepStates.Succeeded : StepStates.Failed;
        record.Detail = result.Detail;
        record.ActionId = result.ActionId ?? record.ActionId;
        record.PredictedSuccess = result.PredictedSuccess ?? record.PredictedSuccess;
        record.EndedAt = environment.Time.GetUtcNow();
        await checkpoint(progress);
        var what = step.Target is null ? step.Action : $"{step.Action} {step.Target}";
        var predicted = result.PredictedSuccess is { } p ? $", predicted success {p.ToString("0.00", CultureInfo.InvariantCulture)}" : "";
        var action = result.ActionId is { } a ? $", action {a}" : "";
        await environment.NoteAsync($"step {step.Index + 1}/{count} '{step.Name}' ({what}) {record.Status}: {result.Detail}{action}{predicted}", cancellationToken);
    }

    private static async Task<StepResult> ExecuteAsync(PlannedStep step, string key, DateTimeOffset startedAt, IRunbookEnvironment environment, CancellationToken cancellationToken)
    {
        if (RunbookActions.IsEstateAction(step.Action))
        {
            return await environment.RunActionAsync(step, key, cancellationToken);
        }

        return step.Action switch
        {
            RunbookActions.Wait => await WaitAsync(step, startedAt, environment, cancellationToken),
            _ => await environment.CallIntegrationAsync(step, key, cancellationToken),
        };
    }

    private static async Task<StepResult> WaitAsync(PlannedStep step, DateTimeOffset startedAt, IRunbookEnvironment environment, CancellationToken cancellationToken)
    {
        var verify = step.Verify!;
        var deadline = startedAt + verify.Within;
        var last = "no value yet";
        while (true)
        {
            var resources = verify.Over == VerifyScope.Dependencies
                ? await environment.DependenciesAsync(step.Target!, cancellationToken)
                : [step.Target!];
            var values = resources.Count == 0 ? new Dictionary<string, double>() : await environment.ReadMetricAsync(verify.Metric, resources, startedAt, cancellationToken);
            if (values.Count > 0)
            {
                var failing = values.Where(v => !Holds(verify.Comparison, v.Value, verify.Threshold)).ToList();
                last = failing.Count == 0
                    ? $"{verify.Metric} {Symbol(verify.Comparison)} {Format(verify.Threshold)} holds ({string.Join(", ", values.Select(v => Format(v.Value)).Take(5))})"
                    : $"{verify.Metric} is {Format(failing[0].Value)} on {failing[0].Key}";
                if (failing.Count == 0)
                {
                    return new StepResult(true, last);
                }
            }

            if (environment.Time.GetUtcNow() >= deadline)
            {
                return new StepResult(false, $"{verify.Metric} {Symbol(verify.Comparison)} {Format(verify.Threshold)} did not hold within {verify.Within}: {last}");
            }

            await environment.DelayAsync(verify.Every, cancellationToken);
        }
    }

    private static async Task CompensateAsync(RunbookPlan plan, RunbookProgress progress, int failedIndex, IRunbookEnvironment environment, Func<RunbookProgress, Task> checkpoint, CancellationToken cancellationToken)
    {
        for (var j = failedIndex - 1; j >= 0; j--)
        {
            if (progress.Steps[j].Status != StepStates.Succeeded)
            {
                continue;
            }

            foreach (var undo in plan.Steps[j].Compensate)
            {
                var key = $"{progress.Steps[j].Key}:undo:{undo.Index}";
                var record = progress.Compensations.FirstOrDefault(c => c.Key == key);
                if (record is null)
                {
                    record = new StepProgress { Key = key, Name = undo.Name, Action = undo.Action, Target = undo.Target };
                    progress.Compensations.Add(record);
                }

                if (record.Status is StepStates.Succeeded or StepStates.Failed)
                {
                    continue;
                }

                await RunStepAsync(undo with { Index = j }, record, plan.Steps.Length, environment, checkpoint, progress, cancellationToken);
            }
        }
    }

    /// <summary>Whether <paramref name="value"/> compares with <paramref name="threshold"/> as required.</summary>
    public static bool Holds(Comparison comparison, double value, double threshold) => comparison switch
    {
        Comparison.Below => value < threshold,
        Comparison.AtMost => value <= threshold,
        Comparison.Above => value > threshold,
        Comparison.AtLeast => value >= threshold,
        _ => Math.Abs(value - threshold) < 1e-9,
    };

    private static string Symbol(Comparison c) => c switch
    {
        Comparison.Below => "<",
        Comparison.AtMost => "<=",
        Comparison.Above => ">",
        Comparison.AtLeast => ">=",
        _ => "==",
    };

    private static string Format(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
