namespace AIOps.Simulation.Observations;

/// <summary>Something the estate emitted, kept in a bounded log with an increasing sequence.</summary>
public interface IObservation
{
    /// <summary>Position in its log.</summary>
    long Sequence { get; }

    /// <summary>When it happened.</summary>
    DateTimeOffset Timestamp { get; }
}
