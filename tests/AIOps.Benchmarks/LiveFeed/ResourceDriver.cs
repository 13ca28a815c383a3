using System.Collections.Immutable;
using System.Diagnostics;
using AIOps.Abstractions.Resources;

namespace AIOps.Benchmarks.LiveFeed;

/// <summary>
/// Changes resource grains at a steady rate through the grain client: each change flips one resource's health
/// (healthy/degraded), which the grain stores and publishes to the live feed. Resources are visited in turn, so
/// every change is to a different resource than the ones just before it.
/// </summary>
internal sealed class ResourceDriver(IGrainFactory grains, int resources)
{
    private const int MaxInFlight = 512;
    private static readonly ImmutableDictionary<string, string> NoObservations = ImmutableDictionary<string, string>.Empty;
    private long _next;
    private long _inWindow;
    private long _failed;

    /// <summary>Changes made within the window set by <see cref="RunAsync"/>.</summary>
    public long ChangesInWindow => Interlocked.Read(ref _inWindow);

    public long Failed => Interlocked.Read(ref _failed);

    public static string Key(int index) => $"bench:livefeed:vm-{index:D6}";

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        var spec = new ResourceSpec("bench", "vm", "load-test-vm", "lab", [], [], [], 0.25m);
        await Parallel.ForEachAsync(Enumerable.Range(0, resources), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (i, _) =>
            await grains.GetGrain<IResourceGrain>(Key(i)).UpsertAsync(spec with { Name = $"vm-{i:D6}" }));
    }

    /// <summary>Drives <paramref name="rate"/> changes per second for <paramref name="duration"/>; counts those whose time falls in [from, to).</summary>
    public async Task<double> RunAsync(int rate, TimeSpan duration, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var watch = Stopwatch.StartNew();
        long issued = 0;
        while (watch.Elapsed < duration)
        {
            var due = (long)(watch.Elapsed.TotalSeconds * rate);
            while (issued < due)
            {
                await inFlight.WaitAsync(cancellationToken);
                issued++;
                _ = ChangeAsync(from, to).ContinueWith(_ => inFlight.Release(), TaskScheduler.Default);
            }

            await Task.Delay(1, cancellationToken);
        }

        var elapsed = watch.Elapsed;
        for (var i = 0; i < MaxInFlight; i++)
        {
            await inFlight.WaitAsync(cancellationToken);
        }

        return issued / elapsed.TotalSeconds;
    }

    private async Task ChangeAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var n = Interlocked.Increment(ref _next) - 1;
        var health = n / resources % 2 == 0 ? ResourceHealth.Degraded : ResourceHealth.Healthy;
        try
        {
            var changed = await grains.GetGrain<IResourceGrain>(Key((int)(n % resources))).ObserveAsync(NoObservations, health);
            if (changed.UpdatedAt >= from && changed.UpdatedAt < to)
            {
                Interlocked.Increment(ref _inWindow);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
