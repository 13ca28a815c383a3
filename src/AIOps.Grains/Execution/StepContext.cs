namespace AIOps.Grains.Execution;

/// <summary>What a step gets to work with.</summary>
/// <param name="ActionId">The agent action being executed.</param>
/// <param name="IdempotencyKey">The action's idempotency key.</param>
/// <param name="StepIndex">Zero-based position of the step in its plan.</param>
/// <param name="StepName">The step's name.</param>
/// <param name="Phase">Doing the work or undoing it.</param>
/// <param name="Parameters">The plan's parameters.</param>
/// <param name="Outputs">
/// Outputs of the steps before this one, merged in plan order (a later step's key wins). When compensating, this
/// step's own outputs are included, so an undo knows what the step did (e.g. the replica count before scaling).
/// </param>
public sealed record StepContext(
    string ActionId,
    string IdempotencyKey,
    int StepIndex,
    string StepName,
    StepPhase Phase,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Outputs)
{
    /// <summary>
    /// Stable across retries, redeliveries and resumes of the same step of the same action (<c>{actionId}:{index}</c>):
    /// pass it to the external system as its request or client token so it does the work once.
    /// </summary>
    public string StepToken => $"{ActionId}:{StepIndex}";

    /// <summary>The same for the step's compensation (<c>{actionId}:{index}:undo</c>), so the undo, too, happens once.</summary>
    public string CompensationToken => $"{StepToken}:undo";
}
