namespace AIOps.Simulation.Scenarios;

/// <summary>A request to inject a fault.</summary>
/// <param name="Type">One of <see cref="ScenarioCatalog.Types"/>, e.g. <c>memory-leak</c>.</param>
/// <param name="TargetId">Resource to inject it into; null picks a suitable one deterministically.</param>
/// <param name="StartAt">When it starts; null for now. Must not be in the past.</param>
/// <param name="Duration">How long it lasts; null for the type's default (some last until remediated).</param>
/// <param name="Intensity">How strong it is; null for the type's default. The meaning depends on the type.</param>
public sealed record ScenarioRequest(string Type, string? TargetId = null, DateTimeOffset? StartAt = null, TimeSpan? Duration = null, double? Intensity = null);
