namespace AIOps.Simulation.Scenarios;

/// <summary>A snapshot of a scenario.</summary>
/// <param name="Id">Scenario id (<c>scn-0001</c>...).</param>
/// <param name="Type">Scenario type.</param>
/// <param name="TargetId">The resource it was injected into.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="StartsAt">When it starts or started.</param>
/// <param name="Duration">Planned duration; null until remediated or stopped.</param>
/// <param name="Intensity">Strength.</param>
/// <param name="Resolution">How it ended, e.g. <c>rollback of k8s:... to revision 12</c>; null while not ended.</param>
/// <param name="GroundTruth">Root cause and affected resources.</param>
public sealed record ScenarioInfo(string Id, string Type, string TargetId, ScenarioStatus Status, DateTimeOffset StartsAt, TimeSpan? Duration, double Intensity, string? Resolution, GroundTruth GroundTruth);
