namespace AIOps.Benchmarks.LiveFeed;

/// <summary>Options of the <c>livefeed</c> benchmark.</summary>
/// <param name="Clients">SignalR clients connected to the silo, all in the <c>resources</c> group.</param>
/// <param name="Rate">Resource changes per second the driver aims at.</param>
/// <param name="DurationSeconds">Length of the measured window.</param>
/// <param name="WarmUpSeconds">Driving before the window opens, so the JIT and the buffers settle.</param>
/// <param name="Resources">Distinct resources changed in turn; each changes once per Resources/Rate seconds, far apart
/// enough that the feed's per-entity coalescing never merges two of its changes.</param>
/// <param name="ConnectConcurrency">Clients connecting at once.</param>
internal sealed record LiveFeedOptions(int Clients, int Rate, int DurationSeconds, int WarmUpSeconds, int Resources, int ConnectConcurrency)
{
    public const string Usage =
        "delay from a resource grain's change to its receipt at every SignalR client of the real silo process. Options: " +
        "--clients 1000 --rate 1000 --duration 30 --warm-up 5 --resources 10000 --connect-concurrency 50";

    public static LiveFeedOptions From(BenchmarkArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LiveFeedOptions(
            args.GetInt32("clients", 1_000),
            args.GetInt32("rate", 1_000),
            args.GetInt32("duration", 30),
            args.GetInt32("warm-up", 5, min: 0),
            args.GetInt32("resources", 10_000),
            args.GetInt32("connect-concurrency", 50));
        args.EnsureAllUsed();
        if (options.Resources < options.Rate)
        {
            throw new BenchmarkUsageException("--resources must be at least --rate, or one resource would change twice within a second and coalescing could merge them");
        }

        return options;
    }
}
