namespace AIOps.Simulation.Observations;

/// <summary>A log line written by (or about) a resource.</summary>
/// <param name="Sequence">Position in the estate's log (increasing).</param>
/// <param name="Timestamp">When it was written.</param>
/// <param name="ResourceId">The resource that wrote it.</param>
/// <param name="Level"><c>DEBUG</c>, <c>INFO</c>, <c>WARN</c>, <c>ERROR</c> or <c>FATAL</c>.</param>
/// <param name="Message">The text.</param>
public sealed record SimulatedLogLine(long Sequence, DateTimeOffset Timestamp, string ResourceId, string Level, string Message) : IObservation;
