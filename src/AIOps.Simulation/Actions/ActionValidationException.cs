using AIOps.Simulation.Scenarios;

namespace AIOps.Simulation.Actions;

/// <summary>An action was invalid (unknown resource, wrong kind, impossible value); the estate is unchanged.</summary>
/// <param name="field">The action field at fault.</param>
/// <param name="message">What is wrong.</param>
public sealed class ActionValidationException(string field, string message) : SimulationValidationException(field, message);
