using AIOps.Benchmarks;
using AIOps.Benchmarks.Storage;

IBenchmark[] benchmarks =
[
    new StorageBenchmark(),
];

return await BenchmarkRunner.RunAsync(benchmarks, args);
