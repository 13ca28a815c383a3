namespace AIOps.Benchmarks.LiveFeed;

/// <summary>Options of the <c>livefeed</c> benchmark.</summary>
/// <param name="Clients">SignalR clients connected to the silo, all in the <c>resources</c> group.</param>
/// <param name="Rate">Resource changes per second the driver aims at.</param>
/// <param name="DurationSeconds">Length of the measured window.</param>
/// <param name="WarmUpSeconds">Driving before the window opens, so the JIT and the buffers settle.</param>
/// <param name="Resources">Distinct resources changed in turn; each changes once per Resources/Rate seconds, far apart
/// enough that the feed's per-entity coalescing never merges two of its changes.</param>
/// <param name="ConnectConcurrency">Clients connecting at once.</param>
/// <param name="Client">
/// <c>raw</c>: the SignalR JSON protocol over a plain WebSocket, a few µs of CPU per message (the default, so the load
/// generator does not set the delays); <c>hubconnection</c>: the .NET SignalR client.
/// </param>
/// <param name="Protocol">For <c>hubconnection</c>: <c>json</c> or <c>messagepack</c> (binary).</param>
internal sealed record LiveFeedOptions(int Clients, int Rate, int DurationSeconds, int WarmUpSeconds, int Resources, int ConnectConcurrency, string Client, string Protocol)
{
    public const string Usage =
        "delay from a resource grain's change to its receipt at every SignalR client of the real silo process. Options: " +
        "--clients 1000 --rate 1000 --duration 30 --warm-up 5 --resources 10000 --connect-concurrency 50 --client raw|hubconnection --protocol json|messagepack";

    public static LiveFeedOptions From(BenchmarkArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LiveFeedOptions(
            args.GetInt32("clients", 1_000),
            args.GetInt32("rate", 1_000),
            args.GetInt32("duration", 30),
            args.GetInt32("warm-up", 5, min: 0),
            args.GetInt32("resources", 10_000),
            args.GetInt32("connect-concurrency", 50),
            args.GetString("client", "raw")!,
            args.GetString("protocol", "json")!);
        args.EnsureAllUsed();
        if (options.Client is not ("raw" or "hubconnection"))
        {
            throw new BenchmarkUsageException("--client must be raw or hubconnection");
        }

        if (options.Protocol is not ("messagepack" or "json") || (options.Client == "raw" && options.Protocol != "json"))
        {
            throw new BenchmarkUsageException("--protocol must be json or messagepack (messagepack only with --client hubconnection)");
        }

        if (options.Resources < options.Rate)
        {
            throw new BenchmarkUsageException("--resources must be at least --rate, or one resource would change twice within a second and coalescing could merge them");
        }

        return options;
    }
}
