namespace AIOps.Benchmarks.Storage;

/// <summary>
/// CPU the machine spends while the benchmark sends nothing: the silo's timers, stream polling and membership, and
/// PostgreSQL's background processes. Per-operation CPU figures include it in proportion to how long a run took.
/// </summary>
/// <param name="SiloMsPerSecond">CPU milliseconds per second of this process.</param>
/// <param name="OtherMsPerSecond">CPU milliseconds per second of everything else.</param>
internal sealed record BackgroundCpu(double SiloMsPerSecond, double OtherMsPerSecond)
{
    public static async Task<BackgroundCpu> MeasureAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var started = CpuSample.Now();
        await Task.Delay(duration, cancellationToken);
        var used = CpuSample.Now().Since(started);
        var other = used.MachineBusy is { } busy ? (busy - used.Process).TotalMilliseconds / duration.TotalSeconds : double.NaN;
        return new BackgroundCpu(used.Process.TotalMilliseconds / duration.TotalSeconds, other);
    }
}
