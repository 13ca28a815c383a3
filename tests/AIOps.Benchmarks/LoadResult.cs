namespace AIOps.Benchmarks;

/// <summary>How a timed batch of operations went.</summary>
/// <param name="Operations">How many operations ran.</param>
/// <param name="Concurrency">How many were in flight at once.</param>
/// <param name="Elapsed">Wall-clock time for all of them.</param>
/// <param name="LatencyMs">Sorted per-operation latencies in milliseconds.</param>
/// <param name="Cpu">CPU used during the run, by this process and by the machine.</param>
/// <param name="Runtime">Runtime counters of this process during the run.</param>
public sealed record LoadResult(int Operations, int Concurrency, TimeSpan Elapsed, double[] LatencyMs, CpuSample Cpu, RuntimeSample Runtime)
{
    /// <summary>Operations per second.</summary>
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>The latency at or below which <paramref name="percentile"/> percent of the operations finished.</summary>
    public double Percentile(double percentile) =>
        LatencyMs.Length == 0 ? double.NaN : LatencyMs[Math.Clamp((int)Math.Ceiling(percentile / 100 * LatencyMs.Length) - 1, 0, LatencyMs.Length - 1)];

    /// <summary>CPU milliseconds this process spent per operation.</summary>
    public double ProcessCpuMsPerOp => Cpu.Process.TotalMilliseconds / Operations;

    /// <summary>CPU milliseconds the rest of the machine (PostgreSQL, mostly) spent per operation; NaN where unknown.</summary>
    public double OtherCpuMsPerOp => Cpu.MachineBusy is { } busy ? (busy - Cpu.Process).TotalMilliseconds / Operations : double.NaN;

    /// <summary>Per operation: bytes allocated, thread-pool work items, lock contentions, context switches; and GC pause share of the run.</summary>
    public (double AllocatedBytes, double WorkItems, double LockContentions, double ContextSwitches, double GcPausePercent) RuntimePerOp =>
        (Runtime.AllocatedBytes / (double)Operations, Runtime.WorkItems / (double)Operations, Runtime.LockContentions / (double)Operations,
         Runtime.ContextSwitches / (double)Operations, 100 * Runtime.GcPause.TotalMilliseconds / Elapsed.TotalMilliseconds);

    /// <summary>Adds up runs of the same kind: operations and times summed, latencies merged.</summary>
    public static LoadResult Combine(IReadOnlyCollection<LoadResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var latencies = runs.SelectMany(r => r.LatencyMs).ToArray();
        Array.Sort(latencies);
        var cpu = new CpuSample(
            TimeSpan.FromTicks(runs.Sum(r => r.Cpu.Process.Ticks)),
            runs.All(r => r.Cpu.MachineBusy is not null) ? TimeSpan.FromTicks(runs.Sum(r => r.Cpu.MachineBusy!.Value.Ticks)) : null);
        var runtime = new RuntimeSample(
            runs.Sum(r => r.Runtime.AllocatedBytes), runs.Sum(r => r.Runtime.WorkItems), runs.Sum(r => r.Runtime.LockContentions),
            TimeSpan.FromTicks(runs.Sum(r => r.Runtime.GcPause.Ticks)), runs.Sum(r => r.Runtime.ContextSwitches));
        return new LoadResult(runs.Sum(r => r.Operations), runs.First().Concurrency, TimeSpan.FromTicks(runs.Sum(r => r.Elapsed.Ticks)), latencies, cpu, runtime);
    }
}
