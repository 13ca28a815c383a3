namespace AIOps.Grains.Execution;

/// <summary>Whether a step is doing its work or undoing it.</summary>
public enum StepPhase
{
    /// <summary><see cref="IActionStep.ExecuteAsync"/>.</summary>
    Execute = 0,

    /// <summary><see cref="IActionStep.CompensateAsync"/>.</summary>
    Compensate = 1,
}
