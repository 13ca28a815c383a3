namespace AIOps.Benchmarks.Storage;

/// <summary>One memory snapshot of the idle-grain measurement.</summary>
/// <param name="Label">before, halfway, after.</param>
/// <param name="Created">Idle resources created so far.</param>
/// <param name="Activations">Activations at that point.</param>
/// <param name="Memory">Memory at that point.</param>
internal sealed record IdleGrainMemoryPoint(string Label, int Created, ActivationCount Activations, MemorySnapshot Memory);
