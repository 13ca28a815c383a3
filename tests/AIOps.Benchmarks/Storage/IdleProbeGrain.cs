namespace AIOps.Benchmarks.Storage;

/// <summary>The peer of the idle resource grain in the memory measurement.</summary>
public sealed class IdleProbeGrain : Grain, IIdleProbeGrain
{
    /// <inheritdoc />
    public Task TouchAsync() => Task.CompletedTask;
}
