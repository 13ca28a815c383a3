using System.Globalization;

namespace AIOps.Benchmarks;

/// <summary>
/// Runtime counters of this process that explain CPU figures: bytes allocated, thread-pool work items, lock
/// contentions, GC pauses and context switches (Linux, live threads only). Differences of two samples are per run.
/// </summary>
/// <param name="AllocatedBytes">Bytes allocated by all threads.</param>
/// <param name="WorkItems">Thread-pool work items completed.</param>
/// <param name="LockContentions">Times a thread had to wait for a monitor lock.</param>
/// <param name="GcPause">Time the runtime was paused for GC.</param>
/// <param name="ContextSwitches">Voluntary plus involuntary context switches of the live threads.</param>
public sealed record RuntimeSample(long AllocatedBytes, long WorkItems, long LockContentions, TimeSpan GcPause, long ContextSwitches)
{
    /// <summary>Samples now.</summary>
    public static RuntimeSample Now() => new(
        GC.GetTotalAllocatedBytes(precise: false),
        ThreadPool.CompletedWorkItemCount,
        Monitor.LockContentionCount,
        GC.GetTotalPauseDuration(),
        ReadContextSwitches());

    /// <summary>Counts between <paramref name="earlier"/> and this sample.</summary>
    public RuntimeSample Since(RuntimeSample earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new RuntimeSample(
            AllocatedBytes - earlier.AllocatedBytes, WorkItems - earlier.WorkItems, LockContentions - earlier.LockContentions,
            GcPause - earlier.GcPause, ContextSwitches - earlier.ContextSwitches);
    }

    private static long ReadContextSwitches()
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            total += long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim(), CultureInfo.InvariantCulture);
                        }
                    }
                }
                catch (IOException)
                {
                    // The thread ended while being read.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        return total;
    }
}
