using System.Globalization;

namespace AIOps.Benchmarks.Metrics;

/// <summary>Write throughput of the InfluxDB writer and of raw line-protocol POSTs of the same points, same run.</summary>
/// <param name="Points">Points written per round by each side.</param>
/// <param name="BatchSize">Points per HTTP request on both sides.</param>
/// <param name="Rounds">Timed rounds per side (alternating which side goes first).</param>
/// <param name="InfluxPointsPerSecond">Points/s through <c>InfluxTimeSeriesStore</c> (write + flush), over all rounds.</param>
/// <param name="RawPointsPerSecond">Points/s through plain <see cref="HttpClient"/> POSTs to <c>/api/v2/write</c>, over all rounds.</param>
public sealed record InfluxWriteComparisonResult(int Points, int BatchSize, int Rounds, double InfluxPointsPerSecond, double RawPointsPerSecond)
{
    /// <summary>Influx writer rate over raw rate; 1 means the client adds nothing.</summary>
    public double InfluxRatio => RawPointsPerSecond > 0 ? InfluxPointsPerSecond / RawPointsPerSecond : 0;

    /// <summary>The keys of the <c>RESULT</c> line, e.g. <c>influx_points_per_s=… raw_points_per_s=… influx_ratio=…</c>.</summary>
    public string ToResultFields() => string.Create(
        CultureInfo.InvariantCulture,
        $"influx_points_per_s={InfluxPointsPerSecond:0} raw_points_per_s={RawPointsPerSecond:0} influx_ratio={InfluxRatio:0.000}");
}
