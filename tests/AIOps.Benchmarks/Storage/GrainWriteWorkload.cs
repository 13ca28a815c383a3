using AIOps.Abstractions.Resources;

namespace AIOps.Benchmarks.Storage;

/// <summary>Resource-grain upserts round-robin over a fixed set of keys; each one a new revision, so each one writes a row.</summary>
internal sealed class GrainWriteWorkload(IGrainFactory grains, int resources)
{
    public const string Group = "res";

    /// <summary>What every key of this workload starts with.</summary>
    public const string KeyPrefix = "bench:" + Group + ":";

    private readonly string[] _keys = Enumerable.Range(0, resources).Select(i => ResourceSpecs.Key(Group, i)).ToArray();
    private readonly long[] _revisions = new long[resources];

    /// <summary>Activates every grain with its first write (an insert).</summary>
    public Task<LoadResult> WarmUpAsync(int concurrency, CancellationToken cancellationToken) =>
        LoadGenerator.RunAsync(_keys.Length, concurrency, WriteAsync, cancellationToken);

    /// <summary>Timed updates of the active grains.</summary>
    public Task<LoadResult> RunAsync(int writes, int concurrency, CancellationToken cancellationToken) =>
        LoadGenerator.RunAsync(writes, concurrency, i => WriteAsync(i % _keys.Length), cancellationToken);

    /// <summary>Upserts that repeat each grain's current declaration: the grain compares and returns without writing.</summary>
    public Task<LoadResult> RunUnchangedAsync(int calls, int concurrency, CancellationToken cancellationToken) =>
        LoadGenerator.RunAsync(calls, concurrency, i =>
        {
            var index = i % _keys.Length;
            return grains.GetGrain<IResourceGrain>(_keys[index]).UpsertAsync(ResourceSpecs.Create(index, Volatile.Read(ref _revisions[index])));
        }, cancellationToken);

    private Task WriteAsync(int index)
    {
        var revision = Interlocked.Increment(ref _revisions[index]);
        return grains.GetGrain<IResourceGrain>(_keys[index]).UpsertAsync(ResourceSpecs.Create(index, revision));
    }
}
