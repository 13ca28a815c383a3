using System.Collections.Immutable;
using System.Text.Json.Serialization;
using AIOps.Abstractions.Actions;

namespace AIOps.Grains.Execution;

/// <summary>
/// How a run of an action plan went, step by step. A <see cref="ExecutionStatus.Running"/> report is what a resumed
/// run starts from: steps it records as completed are not run again.
/// </summary>
/// <param name="ActionId">The agent action.</param>
/// <param name="ActionType">Its type, e.g. <c>scale</c>.</param>
/// <param name="IdempotencyKey">Its idempotency key.</param>
/// <param name="Status">Overall outcome.</param>
/// <param name="PlannedSteps">How many steps the plan has.</param>
/// <param name="StartedAt">When the first run started.</param>
/// <param name="FinishedAt">When the run finished; null while running.</param>
/// <param name="Steps">Steps that ran, in plan order; a failed run ends with the failed step.</param>
/// <param name="Compensations">Compensations that ran, in the (reverse) order they ran.</param>
/// <param name="Summary">One paragraph for the action's result text.</param>
public sealed record ExecutionReport(
    string ActionId,
    string ActionType,
    string IdempotencyKey,
    ExecutionStatus Status,
    int PlannedSteps,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    ImmutableArray<StepRecord> Steps,
    ImmutableArray<StepRecord> Compensations,
    string Summary)
{
    /// <summary>Completed, failed or compensation-failed: running it again changes nothing.</summary>
    [JsonIgnore]
    public bool IsFinished => Status != ExecutionStatus.Running;

    /// <summary>Every step completed; the action moves to completed, otherwise to failed.</summary>
    [JsonIgnore]
    public bool Succeeded => Status == ExecutionStatus.Completed;

    /// <summary>
    /// Rebuilds an unfinished report from step records an observer journaled before a crash, to resume from.
    /// Records of either phase may come in any order; a record journaled twice counts once (the later one wins).
    /// </summary>
    public static ExecutionReport FromRecords(AgentAction action, int plannedSteps, DateTimeOffset startedAt, IEnumerable<StepRecord> records)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(records);
        var latest = records.GroupBy(r => (r.Phase, r.Index)).Select(g => g.Last()).ToList();
        ImmutableArray<StepRecord> steps = [.. latest.Where(r => r.Phase == StepPhase.Execute).OrderBy(r => r.Index)];
        ImmutableArray<StepRecord> compensations = [.. latest.Where(r => r.Phase == StepPhase.Compensate).OrderByDescending(r => r.Index)];
        var report = new ExecutionReport(
            action.Id, action.Type, action.IdempotencyKey, ExecutionStatus.Running, plannedSteps, startedAt, null, steps, compensations, "");
        return report with { Summary = ExecutionSummary.Describe(report) };
    }

    /// <summary>Outputs of the completed steps merged in plan order (a later step's key wins).</summary>
    public ImmutableDictionary<string, string> MergedOutputs() => MergeOutputs(Steps.IsDefault ? [] : Steps, int.MaxValue);

    /// <summary>Outputs of the completed steps up to <paramref name="lastIndex"/>, merged in plan order.</summary>
    internal static ImmutableDictionary<string, string> MergeOutputs(IEnumerable<StepRecord> steps, int lastIndex)
    {
        var merged = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var step in steps.Where(s => s.Status == StepStatus.Completed && s.Index <= lastIndex).OrderBy(s => s.Index))
        {
            foreach (var (key, value) in step.Outputs)
            {
                merged[key] = value;
            }
        }

        return merged.ToImmutable();
    }
}
