using System.Diagnostics;
using System.Runtime;

namespace AIOps.Benchmarks;

/// <summary>Process memory right after a full, compacting, blocking collection.</summary>
/// <param name="LiveBytes">Managed bytes still reachable (<see cref="GC.GetTotalMemory(bool)"/>).</param>
/// <param name="HeapSizeBytes">GC heap size, fragmentation included, at that collection.</param>
/// <param name="CommittedBytes">Memory the GC has committed.</param>
/// <param name="WorkingSetBytes">Physical memory of the whole process (native and PostgreSQL clients included).</param>
public sealed record MemorySnapshot(long LiveBytes, long HeapSizeBytes, long CommittedBytes, long WorkingSetBytes)
{
    /// <summary>Collects everything collectable (finalizers too, large objects compacted), then measures.</summary>
    public static MemorySnapshot Take()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var live = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(live, info.HeapSizeBytes, info.TotalCommittedBytes, process.WorkingSet64);
    }
}
