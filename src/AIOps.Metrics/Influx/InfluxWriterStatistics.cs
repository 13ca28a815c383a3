namespace AIOps.Metrics.Influx;

/// <summary>Counters of the InfluxDB writer.</summary>
/// <param name="WrittenPoints">Points the server accepted.</param>
/// <param name="BufferedPoints">Points waiting to be sent.</param>
/// <param name="DroppedPoints">Points dropped because the server kept failing and the buffer was full.</param>
/// <param name="SkippedNonFinite">Samples not written because their value was NaN or infinite (line protocol has no such floats).</param>
/// <param name="LastError">The last failure of a timed background flush, or null.</param>
public sealed record InfluxWriterStatistics(long WrittenPoints, int BufferedPoints, long DroppedPoints, long SkippedNonFinite, Exception? LastError);
