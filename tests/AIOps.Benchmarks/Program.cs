using AIOps.Benchmarks;
using AIOps.Benchmarks.LiveFeed;
using AIOps.Benchmarks.Storage;

IBenchmark[] benchmarks =
[
    new StorageBenchmark(),
    new LiveFeedBenchmark(),
    new AIOps.Benchmarks.Inventory.InventoryBenchmark(),
    new AIOps.Benchmarks.Loghub.LoghubBenchmark(),
];

return await BenchmarkRunner.RunAsync(benchmarks, args);
