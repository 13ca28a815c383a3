namespace AIOps.Benchmarks.Storage;

/// <summary>Result of <see cref="IdleGrainMemory"/>.</summary>
/// <param name="Count">Resources created.</param>
/// <param name="Points">Snapshots: before, halfway, after.</param>
/// <param name="Creation">The upserts that created them.</param>
/// <param name="FinalCount">Activations once the last snapshot was taken.</param>
internal sealed record IdleGrainMemoryResult(int Count, IReadOnlyList<IdleGrainMemoryPoint> Points, LoadResult Creation, ActivationCount FinalCount)
{
    private IdleGrainMemoryPoint Before => Points[0];

    private IdleGrainMemoryPoint Halfway => Points[1];

    private IdleGrainMemoryPoint After => Points[^1];

    /// <summary>Resource activations added between the first and the last snapshot.</summary>
    public int Activated => After.Activations.Resources - Before.Activations.Resources;

    /// <summary>True when every created resource was still active at the last snapshot and afterwards.</summary>
    public bool AllActive => Activated == Count && FinalCount.Resources == After.Activations.Resources;

    /// <summary>Managed bytes per idle grain, baseline to end.</summary>
    public double LiveBytesPerGrain => PerGrain(Before, After, m => m.LiveBytes);

    /// <summary>Managed bytes per idle grain over the second half only.</summary>
    public double LiveBytesPerGrainSecondHalf => PerGrain(Halfway, After, m => m.LiveBytes);

    /// <summary>GC heap (with fragmentation) per idle grain, baseline to end.</summary>
    public double HeapBytesPerGrain => PerGrain(Before, After, m => m.HeapSizeBytes);

    /// <summary>Working set per idle grain, baseline to end; includes native memory and whatever the GC kept.</summary>
    public double WorkingSetBytesPerGrain => PerGrain(Before, After, m => m.WorkingSetBytes);

    private static double PerGrain(IdleGrainMemoryPoint from, IdleGrainMemoryPoint to, Func<MemorySnapshot, long> measure)
    {
        var grains = to.Activations.Resources - from.Activations.Resources;
        return grains <= 0 ? double.NaN : (double)(measure(to.Memory) - measure(from.Memory)) / grains;
    }
}
