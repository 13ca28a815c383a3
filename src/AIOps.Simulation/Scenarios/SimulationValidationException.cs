namespace AIOps.Simulation.Scenarios;

/// <summary>A request to the simulation was invalid; nothing was changed. Hosts map it to HTTP 400.</summary>
/// <param name="field">The request field at fault, e.g. <c>type</c>, <c>target</c>, <c>intensity</c>, <c>replicas</c>.</param>
/// <param name="message">What is wrong, in words an operator can act on.</param>
public class SimulationValidationException(string field, string message) : Exception(message)
{
    /// <summary>The request field at fault.</summary>
    public string Field { get; } = field;
}
