using AIOps.Abstractions.Resources;

namespace AIOps.Benchmarks.Storage;

/// <summary>
/// Memory of idle resource grains: a snapshot before, halfway and after creating <c>count</c> resources (an upsert
/// each: activation, first write, state kept in memory), all after full compacting collections and with the grains
/// confirmed active by the management grain. Whatever existed before (the silo, pools warmed by the write
/// benchmark, other grains) is in the baseline and so subtracted; the half-to-full slope is a cross-check that is
/// free of one-off costs paid while the first half was created.
/// </summary>
internal static class IdleGrainMemory
{
    public const string Group = "idle";

    public static async Task<IdleGrainMemoryResult> MeasureAsync(IGrainFactory grains, int count, int concurrency, bool minimal, CancellationToken cancellationToken)
    {
        Func<int, ResourceSpec> spec = minimal ? ResourceSpecs.CreateMinimal : i => ResourceSpecs.Create(i, 1);
        var half = count / 2;
        var points = new List<IdleGrainMemoryPoint>();
        points.Add(await SnapshotAsync("before", 0, grains));
        var first = await CreateAsync(grains, spec, 0, half, concurrency, cancellationToken);
        points.Add(await SnapshotAsync("halfway", half, grains));
        var second = await CreateAsync(grains, spec, half, count, concurrency, cancellationToken);

        // Let replies, timers and pooled buffers of the burst settle; the grains are idle from here on.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        points.Add(await SnapshotAsync("after", count, grains));
        var recheck = await ActivationCount.QueryAsync(grains);
        return new IdleGrainMemoryResult(count, points, LoadResult.Combine([first, second]), recheck);
    }

    private static Task<LoadResult> CreateAsync(IGrainFactory grains, Func<int, ResourceSpec> spec, int from, int to, int concurrency, CancellationToken cancellationToken) =>
        to <= from
            ? Task.FromResult(new LoadResult(0, concurrency, TimeSpan.Zero, [], new CpuSample(TimeSpan.Zero, TimeSpan.Zero), new RuntimeSample(0, 0, 0, TimeSpan.Zero, 0)))
            : LoadGenerator.RunAsync(to - from, concurrency, i =>
                grains.GetGrain<IResourceGrain>(ResourceSpecs.Key(Group, from + i)).UpsertAsync(spec(from + i)), cancellationToken);

    private static async Task<IdleGrainMemoryPoint> SnapshotAsync(string label, int created, IGrainFactory grains)
    {
        // Counted before and after the collection: the figure is only valid if no grain went away in between.
        var activations = await ActivationCount.QueryAsync(grains);
        var memory = MemorySnapshot.Take();
        var check = await ActivationCount.QueryAsync(grains);
        return new IdleGrainMemoryPoint(label, created, activations with { Resources = Math.Min(activations.Resources, check.Resources) }, memory);
    }
}
