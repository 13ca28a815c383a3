using System.Collections.Immutable;

namespace AIOps.Grains.Execution;

/// <summary>How one step, or one step's compensation, ran.</summary>
/// <param name="Index">Zero-based position of the step in its plan.</param>
/// <param name="Name">The step's name.</param>
/// <param name="Integration">The external system it called, if any.</param>
/// <param name="Phase">Its work or its undo.</param>
/// <param name="Status">How it ended.</param>
/// <param name="StartedAt">When the first attempt started.</param>
/// <param name="FinishedAt">When the last attempt ended.</param>
/// <param name="Attempts">How many times the step was called; 0 when an open circuit refused it.</param>
/// <param name="Result">The step's result text when it completed.</param>
/// <param name="Error">Why it failed: exception type and message.</param>
/// <param name="Outputs">The step's outputs when it completed; a resumed run reads them back.</param>
public sealed record StepRecord(
    int Index,
    string Name,
    string? Integration,
    StepPhase Phase,
    StepStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int Attempts,
    string? Result,
    string? Error,
    ImmutableDictionary<string, string> Outputs);
