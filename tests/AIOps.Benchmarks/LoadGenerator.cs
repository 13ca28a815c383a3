using System.Diagnostics;

namespace AIOps.Benchmarks;

/// <summary>Runs a fixed number of operations with a fixed number in flight (closed loop) and times them.</summary>
public static class LoadGenerator
{
    /// <summary>
    /// Calls <paramref name="operation"/> for 0..<paramref name="count"/>-1 from <paramref name="concurrency"/> workers,
    /// each starting the next index as soon as its previous operation finished; the first failure stops the run.
    /// </summary>
    public static async Task<LoadResult> RunAsync(int count, int concurrency, Func<int, Task> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var latencies = new double[count];
        var next = -1;
        var runtime = RuntimeSample.Now();
        var cpu = CpuSample.Now();
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        total.Stop();
        var used = CpuSample.Now().Since(cpu);
        var counters = RuntimeSample.Now().Since(runtime);
        Array.Sort(latencies);
        return new LoadResult(count, concurrency, total.Elapsed, latencies, used, counters);
    }
}
