namespace AIOps.Benchmarks.Storage;

/// <summary>
/// Live managed bytes per idle activation of a grain with no state (<see cref="IdleProbeGrain"/>), measured like
/// the idle resource grains and in the same process: the part of a resource grain's footprint that is Orleans'.
/// </summary>
internal static class EmptyGrainFloor
{
    public static async Task<(double BytesPerGrain, int Activated)> MeasureAsync(IGrainFactory grains, int count, int concurrency, CancellationToken cancellationToken)
    {
        var before = await CountAsync(grains);
        var memoryBefore = MemorySnapshot.Take();
        await LoadGenerator.RunAsync(count, concurrency, i => grains.GetGrain<IIdleProbeGrain>($"probe:{i}").TouchAsync(), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var memoryAfter = MemorySnapshot.Take();
        var activated = await CountAsync(grains) - before;
        return (activated <= 0 ? double.NaN : (double)(memoryAfter.LiveBytes - memoryBefore.LiveBytes) / activated, activated);
    }

    private static async Task<int> CountAsync(IGrainFactory grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var probeType = typeof(IdleProbeGrain).FullName!;
        return statistics.Where(s => s.GrainType.Contains(probeType, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
