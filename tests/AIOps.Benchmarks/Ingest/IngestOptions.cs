namespace AIOps.Benchmarks.Ingest;

/// <summary>Options of the <c>ingest</c> benchmark.</summary>
internal sealed record IngestOptions(int Alerts, int Requests, int Batch, int Concurrency, int Rate, int LatencySeconds, int NewPerSecond, bool Fsync, int ResolvePercent, int Rounds)
{
    public const string Usage =
        "ingest [--alerts 300] [--requests 2000] [--batch 100] [--concurrency 16] [--rate 5000] [--latency-seconds 10] [--new-per-second 20] [--fsync true] [--resolve-percent 2] [--rounds 3]: " +
        "the same Alertmanager-style alert storm (mostly repeats) to a real Alertmanager and to AIOps in durable mode, accepted alerts/s of each " +
        "and their ratio (medians of rounds alternating between the two); then alert-to-live-feed delay at a fixed offered rate";

    public static IngestOptions From(BenchmarkArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new IngestOptions(
            args.GetInt32("alerts", 300),
            args.GetInt32("requests", 2000),
            args.GetInt32("batch", 100),
            args.GetInt32("concurrency", 16),
            args.GetInt32("rate", 5000),
            args.GetInt32("latency-seconds", 10),
            args.GetInt32("new-per-second", 20, min: 0),
            args.GetBoolean("fsync", true),
            args.GetInt32("resolve-percent", 2, min: 0),
            args.GetInt32("rounds", 3));
        args.EnsureAllUsed();
        if (options.Batch > 1000)
        {
            throw new BenchmarkUsageException("--batch must be at most 1000 (AIOps' largest accepted batch)");
        }

        return options;
    }
}
