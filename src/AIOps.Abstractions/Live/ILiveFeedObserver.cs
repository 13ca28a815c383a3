namespace AIOps.Abstractions.Live;

/// <summary>Receives coalesced live updates; each silo registers one and pushes to its own hub clients.</summary>
[Alias("aiops.live-observer")]
public interface ILiveFeedObserver : IGrainObserver
{
    /// <summary>A batch of updates, at most one per entity (the latest).</summary>
    [Alias("updates")] Task OnUpdatesAsync(IReadOnlyList<LiveUpdate> updates);
}
