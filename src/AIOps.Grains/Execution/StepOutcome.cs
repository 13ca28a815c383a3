using System.Collections.Immutable;

namespace AIOps.Grains.Execution;

/// <summary>What a step reports when it has done its work (failures are exceptions).</summary>
/// <param name="Result">One line for people, e.g. "scaled shop/cart from 3 to 5 replicas".</param>
/// <param name="Outputs">Values later steps and this step's compensation can read.</param>
public sealed record StepOutcome(string Result, ImmutableDictionary<string, string> Outputs)
{
    /// <summary>What a compensation with nothing to undo returns.</summary>
    public static StepOutcome NothingToUndo { get; } = new("nothing to undo", ImmutableDictionary<string, string>.Empty);

    /// <summary>A completed step with a result and optional outputs.</summary>
    public static StepOutcome Completed(string result, IReadOnlyDictionary<string, string>? outputs = null) =>
        new(result, outputs is null ? ImmutableDictionary<string, string>.Empty : outputs.ToImmutableDictionary(StringComparer.Ordinal));
}
