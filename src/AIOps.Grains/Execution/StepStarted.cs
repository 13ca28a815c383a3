namespace AIOps.Grains.Execution;

/// <summary>A step, or a step's compensation, is about to run.</summary>
/// <param name="ActionId">The agent action.</param>
/// <param name="Index">Zero-based position of the step in its plan.</param>
/// <param name="Name">The step's name.</param>
/// <param name="Integration">The external system it calls, if any.</param>
/// <param name="Phase">Its work or its undo.</param>
/// <param name="At">When it started.</param>
public sealed record StepStarted(string ActionId, int Index, string Name, string? Integration, StepPhase Phase, DateTimeOffset At);
