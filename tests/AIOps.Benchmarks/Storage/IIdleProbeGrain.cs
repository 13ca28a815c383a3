namespace AIOps.Benchmarks.Storage;

/// <summary>A grain with no state and no dependencies: what one activation costs the Orleans runtime alone.</summary>
[Alias("aiops.bench.idle-probe")]
public interface IIdleProbeGrain : IGrainWithStringKey
{
    /// <summary>Activates the grain and does nothing.</summary>
    [Alias("touch")] Task TouchAsync();
}
