using System.Runtime;
using AIOps.Hosting;
using AIOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AIOps.Benchmarks.Storage;

/// <summary>
/// <c>storage</c>: resource-grain state writes per second against raw Npgsql upserts of the same rows on the same
/// PostgreSQL (fsync on), and managed memory per idle resource grain. Targets: grain path at least 60% of raw,
/// at most 2 KB per idle grain.
/// </summary>
public sealed class StorageBenchmark : IBenchmark
{
    private const double MB = 1024 * 1024;

    /// <inheritdoc />
    public string Name => "storage";

    /// <inheritdoc />
    public string Usage => StorageOptions.Usage;

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchmarkArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = StorageOptions.From(args);
        Console.WriteLine(
            $"storage: {options.Resources} resources, {options.Concurrency} in flight, {options.Writes} timed writes per path in {options.Rounds} round(s), " +
            $"{options.IdleGrains} idle grains; {Environment.ProcessorCount} CPUs, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");

        await using var postgres = await PostgresServer.StartAsync(fsync: true);
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(cancellationToken);
        Console.WriteLine($"PostgreSQL {await ServerVersionAsync(dataSource, cancellationToken)} on port {postgres.Port} (fsync on); starting the silo");

        await using var silo = await BenchmarkSilo.StartAsync(connectionString, null, cancellationToken);
        var grainWrites = new GrainWriteWorkload(silo.Grains, options.Resources);
        var grainWarmUp = await grainWrites.WarmUpAsync(options.Concurrency, cancellationToken);
        var payload = await StoredPayload.MeasureAsync(dataSource, ResourceSpecs.Key(GrainWriteWorkload.Group, 0)[..^1], cancellationToken);
        var rawWrites = new RawUpsertWorkload(dataSource, payload.Sample, options.Resources);
        await rawWrites.CreateTableAsync(cancellationToken);
        var rawWarmUp = await rawWrites.WarmUpAsync(options.Concurrency, cancellationToken);

        var rows = new List<(string Phase, string Path, LoadResult Result)>
        {
            ("warm-up (insert)", "grain", grainWarmUp),
            ("warm-up (insert)", "raw", rawWarmUp),
        };
        var grainRounds = new List<LoadResult>();
        var rawRounds = new List<LoadResult>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var writes = options.Writes / options.Rounds + (round < options.Writes % options.Rounds ? 1 : 0);
            var rawFirst = round % 2 == 0;
            for (var leg = 0; leg < 2; leg++)
            {
                var raw = rawFirst == (leg == 0);
                var result = raw
                    ? await rawWrites.RunAsync(writes, options.Concurrency, cancellationToken)
                    : await grainWrites.RunAsync(writes, options.Concurrency, cancellationToken);
                (raw ? rawRounds : grainRounds).Add(result);
                rows.Add(($"round {round + 1} (update)", raw ? "raw" : "grain", result));
            }
        }

        var grain = LoadResult.Combine(grainRounds);
        var rawTotal = LoadResult.Combine(rawRounds);
        rows.Add(("all rounds", "grain", grain));
        rows.Add(("all rounds", "raw", rawTotal));
        var ratio = grain.PerSecond / rawTotal.PerSecond;
        PrintWrites(payload, rows, ratio);

        IdleGrainMemoryResult? memory = null;
        if (options.IdleGrains > 0)
        {
            Console.WriteLine($"Creating {options.IdleGrains} idle resource grains ({options.Concurrency} in flight)...");
            memory = await IdleGrainMemory.MeasureAsync(silo.Grains, options.IdleGrains, options.Concurrency, cancellationToken);
            PrintMemory(memory);
        }

        ResultLine.Write(
            Name,
            ("grain_writes_per_s", ResultLine.Number(grain.PerSecond)),
            ("raw_upserts_per_s", ResultLine.Number(rawTotal.PerSecond)),
            ("ratio", ResultLine.Number(ratio, 3)),
            ("bytes_per_idle_grain", memory is null ? "NaN" : ResultLine.Number(memory.LiveBytesPerGrain, 0)));
        return memory is null || memory.AllActive ? 0 : 1;
    }

    private static void PrintWrites(StoredPayload payload, List<(string Phase, string Path, LoadResult Result)> rows, double ratio)
    {
        Console.WriteLine();
        Console.WriteLine(
            $"Stored grain payload ({payload.GrainType}): {payload.Rows} rows, mean {ResultLine.Number(payload.AverageBytes)} B " +
            $"(min {payload.MinBytes}, max {payload.MaxBytes}); raw rows use {payload.Sample.Length} B");
        var table = new ResultTable("phase", "path", "writes", "in flight", "seconds", "writes/s", "p50 ms", "p99 ms", "silo CPU ms/write", "other CPU ms/write");
        foreach (var (phase, path, r) in rows)
        {
            table.Add(
                phase, path, r.Operations.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ResultLine.Number(r.Elapsed.TotalSeconds, 2), ResultLine.Number(r.PerSecond), ResultLine.Number(r.Percentile(50), 2),
                ResultLine.Number(r.Percentile(99), 2), ResultLine.Number(r.ProcessCpuMsPerOp, 3), ResultLine.Number(r.OtherCpuMsPerOp, 3));
        }

        table.Print();
        Console.WriteLine($"ratio grain/raw = {ResultLine.Number(ratio, 3)} (target >= 0.6: {(ratio >= 0.6 ? "met" : "MISSED")})");
        Console.WriteLine("(other CPU = the rest of the machine during the run, i.e. PostgreSQL)");
        Console.WriteLine();
    }

    private static void PrintMemory(IdleGrainMemoryResult memory)
    {
        var creation = memory.Creation;
        Console.WriteLine(
            $"Created {memory.Count} resources in {ResultLine.Number(creation.Elapsed.TotalSeconds, 1)} s ({ResultLine.Number(creation.PerSecond)}/s, " +
            $"p99 {ResultLine.Number(creation.Percentile(99), 1)} ms, silo CPU {ResultLine.Number(creation.ProcessCpuMsPerOp, 3)} ms/upsert)");
        var table = new ResultTable("snapshot", "created", "resource activations", "all activations", "live MB", "GC heap MB", "committed MB", "working set MB");
        foreach (var p in memory.Points)
        {
            table.Add(
                p.Label, p.Created.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Activations.Resources.ToString(System.Globalization.CultureInfo.InvariantCulture),
                p.Activations.Total.ToString(System.Globalization.CultureInfo.InvariantCulture), ResultLine.Number(p.Memory.LiveBytes / MB), ResultLine.Number(p.Memory.HeapSizeBytes / MB),
                ResultLine.Number(p.Memory.CommittedBytes / MB), ResultLine.Number(p.Memory.WorkingSetBytes / MB));
        }

        table.Print();
        var perGrain = new ResultTable("per idle grain", "bytes");
        perGrain.Add("live managed, before -> after", ResultLine.Number(memory.LiveBytesPerGrain, 0));
        perGrain.Add("live managed, halfway -> after", ResultLine.Number(memory.LiveBytesPerGrainSecondHalf, 0));
        perGrain.Add("GC heap size, before -> after", ResultLine.Number(memory.HeapBytesPerGrain, 0));
        perGrain.Add("working set, before -> after", ResultLine.Number(memory.WorkingSetBytesPerGrain, 0));
        perGrain.Print();
        Console.WriteLine(
            $"activated {memory.Activated} of {memory.Count}, still active after measuring: {memory.FinalCount.Resources - (memory.Points[0].Activations.Resources)}" +
            $"{(memory.AllActive ? "" : "  <- NOT all active: figure is not valid")}");
        Console.WriteLine($"bytes per idle grain = {ResultLine.Number(memory.LiveBytesPerGrain, 0)} (target <= 2048: {(memory.LiveBytesPerGrain <= 2048 ? "met" : "MISSED")})");
        Console.WriteLine();
    }

    private static async Task<string> ServerVersionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SHOW server_version");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
