namespace AIOps.Grains.Execution;

/// <summary>An attempt of a step failed transiently and the step will be called again after <paramref name="Delay"/>.</summary>
/// <param name="ActionId">The agent action.</param>
/// <param name="Index">Zero-based position of the step in its plan.</param>
/// <param name="Name">The step's name.</param>
/// <param name="Phase">Its work or its undo.</param>
/// <param name="FailedAttempt">The attempt that failed, from 1.</param>
/// <param name="Delay">How long the runner waits before the next attempt.</param>
/// <param name="Error">Why the attempt failed.</param>
public sealed record StepRetry(string ActionId, int Index, string Name, StepPhase Phase, int FailedAttempt, TimeSpan Delay, string Error);
