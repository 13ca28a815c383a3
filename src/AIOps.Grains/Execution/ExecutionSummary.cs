using System.Globalization;
using System.Text;

namespace AIOps.Grains.Execution;

/// <summary>Writes the one paragraph that becomes the action's result text; people read it, so it names steps, not indexes.</summary>
internal static class ExecutionSummary
{
    public static string Describe(ExecutionReport report)
    {
        var steps = report.Steps.IsDefault ? [] : report.Steps;
        var compensations = report.Compensations.IsDefault ? [] : report.Compensations;
        var what = $"{report.ActionType} action {report.ActionId}";
        var completed = steps.Where(s => s.Status == StepStatus.Completed).OrderBy(s => s.Index).ToList();
        var failed = steps.FirstOrDefault(s => s.Status == StepStatus.Failed);
        var text = new StringBuilder();

        switch (report.Status)
        {
            case ExecutionStatus.Running when failed is null:
                text.Append(CultureInfo.InvariantCulture, $"Running {what}: {completed.Count} of {report.PlannedSteps} steps completed");
                text.Append(completed.Count == 0 ? "." : $" ({Names(completed)}).");
                break;
            case ExecutionStatus.Completed:
                text.Append(CultureInfo.InvariantCulture, $"Completed {what}: all {report.PlannedSteps} steps ran ({Names(completed)})");
                text.Append(CultureInfo.InvariantCulture, $" in {Duration(report)}.");
                break;
            default:
                var status = report.Status == ExecutionStatus.Running ? "Compensating" : "Failed";
                text.Append(CultureInfo.InvariantCulture, $"{status} {what} at step {failed!.Index + 1} of {report.PlannedSteps}, '{failed.Name}'");
                text.Append(CultureInfo.InvariantCulture, $" after {Attempts(failed.Attempts)}: {failed.Error}.");
                AppendCompensations(text, completed, compensations);
                var notRun = report.PlannedSteps - failed.Index - 1;
                if (notRun > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {notRun} later step{(notRun == 1 ? " was" : "s were")} not run.");
                }

                break;
        }

        var retries = steps.Concat(compensations).Sum(s => Math.Max(0, s.Attempts - 1));
        if (retries > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {retries} transient failure{(retries == 1 ? " was" : "s were")} retried.");
        }

        return text.ToString();
    }

    private static void AppendCompensations(StringBuilder text, List<StepRecord> completed, IReadOnlyCollection<StepRecord> compensations)
    {
        if (completed.Count == 0)
        {
            text.Append(" No step had completed, so nothing was undone.");
            return;
        }

        var undone = compensations.Where(c => c.Status == StepStatus.Completed).ToList();
        var undoFailed = compensations.Where(c => c.Status == StepStatus.Failed).ToList();
        if (undone.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Undid {Names(undone)} in reverse order.");
        }

        foreach (var f in undoFailed)
        {
            text.Append(CultureInfo.InvariantCulture, $" Undoing '{f.Name}' failed after {Attempts(f.Attempts)}: {f.Error}.");
        }

        if (undoFailed.Count > 0)
        {
            text.Append(" The targets may be left half-changed: check them by hand.");
        }
    }

    private static string Names(IEnumerable<StepRecord> records) => string.Join(", ", records.Select(r => $"'{r.Name}'"));

    private static string Attempts(int attempts) => attempts switch
    {
        0 => "no attempt (circuit open)",
        1 => "1 attempt",
        _ => $"{attempts} attempts",
    };

    private static string Duration(ExecutionReport report)
    {
        var seconds = ((report.FinishedAt ?? report.StartedAt) - report.StartedAt).TotalSeconds;
        return seconds.ToString(seconds < 10 ? "0.0#" : "0", CultureInfo.InvariantCulture) + " s";
    }
}
