using System.Collections.Immutable;

namespace AIOps.Simulation.Actions;

/// <summary>What an applied action did.</summary>
/// <param name="Action">The action.</param>
/// <param name="Description">What changed, in a sentence.</param>
/// <param name="ChangedIds">Resources created, changed or deleted.</param>
/// <param name="ResolvedScenarioIds">Scenarios the action resolved.</param>
/// <param name="At">When it was applied.</param>
public sealed record ActionResult(EstateAction Action, string Description, ImmutableArray<string> ChangedIds, ImmutableArray<string> ResolvedScenarioIds, DateTimeOffset At);
