namespace AIOps.Simulation.Scenarios;

/// <summary>A scenario request was invalid (unknown type, missing or unsuitable target, impossible parameters); the estate is unchanged.</summary>
/// <param name="field">The request field at fault.</param>
/// <param name="message">What is wrong.</param>
public sealed class ScenarioValidationException(string field, string message) : SimulationValidationException(field, message);
