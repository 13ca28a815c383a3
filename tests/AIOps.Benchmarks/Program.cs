using AIOps.Benchmarks;
using AIOps.Benchmarks.LiveFeed;
using AIOps.Benchmarks.Storage;

IBenchmark[] benchmarks =
[
    new StorageBenchmark(),
    new LiveFeedBenchmark(),
    new AIOps.Benchmarks.Inventory.InventoryBenchmark(),
    new AIOps.Benchmarks.Loghub.LoghubBenchmark(),
    new AIOps.Benchmarks.Rca.RcaBenchmark(),
    new AIOps.Benchmarks.Ingest.IngestBenchmark(),
];

return await BenchmarkRunner.RunAsync(benchmarks, args);
