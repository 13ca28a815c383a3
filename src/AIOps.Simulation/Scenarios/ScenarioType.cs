using System.Collections.Immutable;

namespace AIOps.Simulation.Scenarios;

/// <summary>A kind of fault the simulation can inject.</summary>
/// <param name="Name">Type name used in requests.</param>
/// <param name="Description">What it does and how it is fixed.</param>
/// <param name="TargetKinds">Resource kinds it can be injected into.</param>
/// <param name="DefaultIntensity">Intensity when none is given.</param>
/// <param name="MinIntensity">Lowest intensity accepted (exclusive of zero).</param>
/// <param name="MaxIntensity">Highest intensity accepted.</param>
/// <param name="DefaultDuration">Duration when none is given; null means until remediated or stopped.</param>
/// <param name="IntensityMeaning">What the intensity means for this type.</param>
public sealed record ScenarioType(string Name, string Description, ImmutableArray<string> TargetKinds, double DefaultIntensity, double MinIntensity, double MaxIntensity, TimeSpan? DefaultDuration, string IntensityMeaning);
