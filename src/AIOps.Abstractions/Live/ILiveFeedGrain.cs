namespace AIOps.Abstractions.Live;

/// <summary>
/// Fans state changes out to every silo: grains publish here, each silo's relay subscribes and pushes to the hub
/// clients connected to it, so a client sees every update whichever silo hosts the grain. Key <see cref="Key"/>.
/// </summary>
[Alias("aiops.live-feed")]
public interface ILiveFeedGrain : IGrainWithStringKey
{
    /// <summary>The one key this grain is used with.</summary>
    const string Key = "all";

    /// <summary>Publishes a change; bursts for one entity are coalesced to the latest.</summary>
    [Alias("publish")] Task PublishAsync(LiveUpdate update);

    /// <summary>Registers (or refreshes) a silo's relay; registrations not refreshed within two minutes lapse.</summary>
    [Alias("subscribe")] Task SubscribeAsync(ILiveFeedObserver observer);

    /// <summary>Removes a relay.</summary>
    [Alias("unsubscribe")] Task UnsubscribeAsync(ILiveFeedObserver observer);
}
