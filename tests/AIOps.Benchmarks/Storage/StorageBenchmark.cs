using System.Runtime;
using AIOps.Abstractions.Resources;
using AIOps.Hosting;
using AIOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Storage;

namespace AIOps.Benchmarks.Storage;

/// <summary>
/// <c>storage</c>: resource-grain state writes per second against raw Npgsql upserts of the same rows on the same
/// PostgreSQL (fsync on), and managed memory per idle resource grain. Targets: grain path at least 60% of raw,
/// at most 2 KB per idle grain.
/// </summary>
public sealed class StorageBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "storage";

    /// <inheritdoc />
    public string Usage => StorageOptions.Usage;

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchmarkArgs args, CancellationToken cancellationToken)
    {
        var options = StorageOptions.From(args);
        Console.WriteLine(
            $"storage: {options.Resources} resources, {options.Concurrency} in flight, {options.Writes} timed writes per path in {options.Rounds} round(s), " +
            $"{options.IdleGrains} idle grains; {Environment.ProcessorCount} CPUs, {(GCSettings.IsServerGC ? "server" : "workstation")} GC" +
            (options.NpgsqlSettings is null ? "" : $"; Npgsql settings '{options.NpgsqlSettings}'") +
            (options.SiloNpgsqlSettings is null ? "" : $"; silo-only Npgsql settings '{options.SiloNpgsqlSettings}'"));

        // Everything started is stopped before the RESULT line, so it really is the last line.
        var (grain, raw, memory, emptyGrainBytes) = await MeasureAsync(options, cancellationToken);
        ResultLine.Write(
            Name,
            ("grain_writes_per_s", ResultLine.Number(grain.PerSecond)),
            ("raw_upserts_per_s", ResultLine.Number(raw.PerSecond)),
            ("ratio", ResultLine.Number(grain.PerSecond / raw.PerSecond, 3)),
            ("bytes_per_idle_grain", memory is null ? "NaN" : ResultLine.Number(memory.LiveBytesPerGrain, 0)),
            ("bytes_per_empty_grain", ResultLine.Number(emptyGrainBytes, 0)));
        return memory is null || memory.AllActive ? 0 : 1;
    }

    private static async Task<(LoadResult Grain, LoadResult Raw, IdleGrainMemoryResult? Memory, double EmptyGrainBytes)> MeasureAsync(StorageOptions options, CancellationToken cancellationToken)
    {
        await using var postgres = await PostgresServer.StartAsync(fsync: true);
        var database = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString(database));
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(cancellationToken);
        await using var silo = await BenchmarkSilo.StartAsync(options.SiloConnectionString(database), null, cancellationToken);
        Console.WriteLine($"PostgreSQL {await ServerVersionAsync(dataSource, cancellationToken)} (fsync on) on port {postgres.Port}; silo started");

        var grainWrites = new GrainWriteWorkload(silo.Grains, options.Resources);
        var grainWarmUp = await grainWrites.WarmUpAsync(options.Concurrency, cancellationToken);
        var payload = await StoredPayload.MeasureAsync(dataSource, GrainWriteWorkload.KeyPrefix, cancellationToken);
        var rawWrites = new RawUpsertWorkload(dataSource, payload.Sample, options.Resources);
        await rawWrites.CreateTableAsync(cancellationToken);
        var rawWarmUp = await rawWrites.WarmUpAsync(options.Concurrency, cancellationToken);

        var runs = new List<(string Phase, string Path, LoadResult Result)>
        {
            ("warm-up (insert)", "grain", grainWarmUp),
            ("warm-up (insert)", "raw", rawWarmUp),
        };
        if (options.WarmUpWrites > 0)
        {
            runs.Add(("warm-up (update)", "grain", await grainWrites.RunAsync(options.WarmUpWrites, options.Concurrency, cancellationToken)));
            runs.Add(("warm-up (update)", "raw", await rawWrites.RunAsync(options.WarmUpWrites, options.Concurrency, cancellationToken)));
        }

        var grainRounds = new List<LoadResult>();
        var rawRounds = new List<LoadResult>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var writes = options.Writes / options.Rounds + (round < options.Writes % options.Rounds ? 1 : 0);
            foreach (var raw in round % 2 == 0 ? [true, false] : new[] { false, true })
            {
                var result = raw
                    ? await rawWrites.RunAsync(writes, options.Concurrency, cancellationToken)
                    : await grainWrites.RunAsync(writes, options.Concurrency, cancellationToken);
                (raw ? rawRounds : grainRounds).Add(result);
                runs.Add(($"round {round + 1} (update)", raw ? "raw" : "grain", result));
            }
        }

        var grain = LoadResult.Combine(grainRounds);
        var rawTotal = LoadResult.Combine(rawRounds);
        runs.Add(("all rounds", "grain", grain));
        runs.Add(("all rounds", "raw", rawTotal));
        StorageReport.PrintWrites(payload, runs, grain.PerSecond / rawTotal.PerSecond);

        if (options.Breakdown)
        {
            await BreakDownAsync(options, silo, dataSource, grainWrites, payload, grain, rawTotal, cancellationToken);
        }

        IdleGrainMemoryResult? memory = null;
        var emptyGrainBytes = double.NaN;
        if (options.IdleGrains > 0)
        {
            Console.WriteLine(
                $"Creating {options.IdleGrains} idle resource grains with {(options.MinimalIdleState ? "minimal" : "realistic")} declarations ({options.Concurrency} in flight)...");
            memory = await IdleGrainMemory.MeasureAsync(silo.Grains, options.IdleGrains, options.Concurrency, options.MinimalIdleState, cancellationToken);
            StorageReport.PrintMemory(memory);
            var (floor, probes) = await EmptyGrainFloor.MeasureAsync(silo.Grains, options.IdleGrains, options.Concurrency, cancellationToken);
            emptyGrainBytes = floor;
            Console.WriteLine(
                $"peer: {probes} idle grains with no state cost {ResultLine.Number(floor, 0)} live bytes each (Orleans' own per-activation cost); " +
                $"resource grain / empty grain = {ResultLine.Number(memory.LiveBytesPerGrain / floor, 2)}, state and storage bridge = {ResultLine.Number(memory.LiveBytesPerGrain - floor, 0)} bytes");
            Console.WriteLine();
        }

        if (options.HoldSeconds > 0)
        {
            Console.WriteLine($"Holding for {options.HoldSeconds} s (process {Environment.ProcessId}), e.g. for: dotnet-gcdump collect -p {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds), cancellationToken);
        }

        return (grain, rawTotal, memory, emptyGrainBytes);
    }

    // Times the layers between the two measured paths, so a missed ratio points at the layer that costs it.
    private static async Task BreakDownAsync(
        StorageOptions options, BenchmarkSilo silo, NpgsqlDataSource dataSource, GrainWriteWorkload grainWrites, StoredPayload payload,
        LoadResult grain, LoadResult raw, CancellationToken cancellationToken)
    {
        var writes = Math.Max(options.Writes / options.Rounds, 1);
        var orleansSql = await OrleansSqlWorkload.CreateAsync(dataSource, GrainWriteWorkload.KeyPrefix, payload.Sample, cancellationToken);
        var resource = await silo.Grains.GetGrain<IResourceGrain>(ResourceSpecs.Key(GrainWriteWorkload.Group, 0)).GetAsync();
        var provider = new ProviderWriteWorkload(silo.Services, resource, options.Resources);
        await provider.WarmUpAsync(options.Concurrency, cancellationToken);
        await provider.RunAsync(writes, options.Concurrency, cancellationToken);
        var breakdown = new List<(string Path, LoadResult Result)>
        {
            ("grain upsert (all rounds)", grain),
            ("grain upsert, unchanged: call only, no write", await grainWrites.RunUnchangedAsync(writes, options.Concurrency, cancellationToken)),
            ("provider WriteStateAsync, no grain", await provider.RunAsync(writes, options.Concurrency, cancellationToken)),
            ("provider's write SQL via Npgsql, no Orleans", await orleansSql.RunAsync(writes, options.Concurrency, cancellationToken)),
            ("raw upsert (all rounds)", raw),
        };
        var serializer = SerializerCost.Measure(silo.Services.GetRequiredService<IGrainStorageSerializer>(), resource, 20_000);
        var background = await BackgroundCpu.MeasureAsync(TimeSpan.FromSeconds(5), cancellationToken);
        StorageReport.PrintBreakdown(breakdown, serializer, background);
    }

    private static async Task<string> ServerVersionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SHOW server_version");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
