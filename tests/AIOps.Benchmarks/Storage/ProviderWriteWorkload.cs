using AIOps.Abstractions;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Resources;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace AIOps.Benchmarks.Storage;

/// <summary>
/// A diagnostic path: the silo's grain storage provider (<see cref="StorageNames.Grains"/>) called directly, outside
/// any grain, with the same state the resource grain writes. Against the grain path it isolates the grain runtime's
/// share (scheduling, state bridge); against the provider's SQL sent through Npgsql, the provider's own.
/// </summary>
internal sealed class ProviderWriteWorkload
{
    public const string Group = "prov";

    // The resource grain's state name; the provider stores it as the grain type.
    private const string StateName = "resource";

    private readonly IGrainStorage _storage;
    private readonly GrainId[] _ids;
    private readonly GrainState<ResourceState>[] _states;

    public ProviderWriteWorkload(IServiceProvider services, ManagedResource template, int resources)
    {
        _storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        _ids = Enumerable.Range(0, resources).Select(i => GrainId.Create("resource", ResourceSpecs.Key(Group, i))).ToArray();
        _states = Enumerable.Range(0, resources)
            .Select(i => new GrainState<ResourceState>(ResourceState.From(template with { Id = ResourceSpecs.Key(Group, i) })))
            .ToArray();
    }

    /// <summary>First writes (inserts) of every state.</summary>
    public Task<LoadResult> WarmUpAsync(int concurrency, CancellationToken cancellationToken) =>
        LoadGenerator.RunAsync(_ids.Length, concurrency, WriteAsync, cancellationToken);

    /// <summary>Timed updates, each with a new version of the resource.</summary>
    public Task<LoadResult> RunAsync(int writes, int concurrency, CancellationToken cancellationToken) =>
        LoadGenerator.RunAsync(writes, concurrency, i => WriteAsync(i % _ids.Length), cancellationToken);

    // Only one write per state is in flight (more states than writers, round-robin), as in a grain.
    private Task WriteAsync(int index)
    {
        var state = _states[index];
        var current = state.State!;
        current.Version++;
        current.CostPerHour = 0.096m + (current.Version % 1000 * 0.0001m);
        return _storage.WriteStateAsync(StateName, _ids[index], state);
    }
}
