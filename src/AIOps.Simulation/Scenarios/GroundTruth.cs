using System.Collections.Immutable;

namespace AIOps.Simulation.Scenarios;

/// <summary>What really happened in a scenario, to score agents against.</summary>
/// <param name="ScenarioType">The scenario type.</param>
/// <param name="RootCauseId">The resource at the root of the fault.</param>
/// <param name="AffectedIds">Every resource the fault touched (root cause included), in the order they were affected.</param>
/// <param name="StartedAt">When the fault began.</param>
/// <param name="EndedAt">When it ended (resolved, stopped or completed); null while active.</param>
/// <param name="Description">The fault in a sentence.</param>
public sealed record GroundTruth(string ScenarioType, string RootCauseId, ImmutableArray<string> AffectedIds, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Description);
