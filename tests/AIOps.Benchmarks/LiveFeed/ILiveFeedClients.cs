namespace AIOps.Benchmarks.LiveFeed;

/// <summary>A set of live-hub clients in the <c>resources</c> group that record the delay of every change they receive.</summary>
internal interface ILiveFeedClients : IAsyncDisposable
{
    /// <summary>Delays from a change's time at the grain to its receipt, within the window.</summary>
    DelayHistogram Delays { get; }

    /// <summary>How long connecting and subscribing took.</summary>
    TimeSpan ConnectTime { get; }

    /// <summary>Updates received within the window, all clients together.</summary>
    long Updates { get; }

    /// <summary>Hub messages received within the window, all clients together.</summary>
    long Messages { get; }

    /// <summary>Fewest updates any one client received within the window.</summary>
    long FewestUpdates { get; }

    /// <summary>Clients still connected.</summary>
    int Connected { get; }

    /// <summary>Counts changes made from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    void SetWindow(DateTimeOffset from, DateTimeOffset to);
}
