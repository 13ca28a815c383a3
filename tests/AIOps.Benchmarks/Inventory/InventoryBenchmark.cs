using System.Diagnostics;
using AIOps.Abstractions.Inventory;
using AIOps.Estate.Inventory;
using AIOps.Grains.Inventory;
using AIOps.Hosting;
using AIOps.Simulation.Estate;
using AIOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AIOps.Benchmarks.Inventory;

/// <summary>
/// <c>inventory</c>: how fast a full listing of an estate becomes resource grains (declaration, observation,
/// catalog entry and dependency edges per resource), in embedded mode and on PostgreSQL, through the real sync grain.
/// </summary>
public sealed class InventoryBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "inventory";

    /// <inheritdoc />
    public string Usage => "inventory sync throughput into resource grains, embedded and durable. Options: --resources 100000 --seed 42";

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchmarkArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var count = args.GetInt32("resources", 100_000);
        var seed = args.GetInt32("seed", 42, min: 0);
        args.EnsureAllUsed();

        var generation = Stopwatch.StartNew();
        var simulated = SimulatedEstate.Create(new EstateOptions { Seed = (ulong)seed, ResourceCount = count }, TimeProvider.System);
        if (simulated.Count < count)
        {
            // The generator lands within a few percent of the size asked for; ask once more so the estate has at least that many.
            var scaled = (int)Math.Ceiling((double)count * count / simulated.Count);
            simulated = SimulatedEstate.Create(new EstateOptions { Seed = (ulong)seed, ResourceCount = scaled }, TimeProvider.System);
        }

        var estate = new BenchmarkEstate(simulated.InventoryProvider, (await simulated.InventoryProvider.ListAsync(cancellationToken)).Resources);
        Console.WriteLine($"inventory: simulated estate of {estate.Resources.Count} resources (seed {seed}) generated and listed in {generation.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} CPUs");
        var embedded = await SyncAsync(estate, null, cancellationToken);
        Print("embedded", embedded, estate.Resources.Count);

        await using var postgres = await PostgresServer.StartAsync(fsync: true);
        var database = await postgres.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(cancellationToken);
        }

        var durable = await SyncAsync(estate, database, cancellationToken);
        Print("durable", durable, estate.Resources.Count);

        await using var victoria = await VictoriaMetricsServer.StartAsync();
        var influx = await AIOps.Benchmarks.Metrics.InfluxWriteComparison.RunAsync(victoria.BaseAddress, cancellationToken: cancellationToken);
        Console.WriteLine($"metrics   {influx.Points} points x {influx.Rounds} rounds in batches of {influx.BatchSize} to VictoriaMetrics: InfluxDB.Client writer {influx.InfluxPointsPerSecond:0} points/s, raw line-protocol POSTs {influx.RawPointsPerSecond:0} points/s");

        ResultLine.Write(
            "inventory",
            ("resources", estate.Resources.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("embedded_per_s", ResultLine.Number(estate.Resources.Count / embedded.Elapsed.TotalSeconds)),
            ("durable_per_s", ResultLine.Number(estate.Resources.Count / durable.Elapsed.TotalSeconds)),
            ("influx_points_per_s", ResultLine.Number(influx.InfluxPointsPerSecond, 0)),
            ("raw_points_per_s", ResultLine.Number(influx.RawPointsPerSecond, 0)),
            ("influx_ratio", ResultLine.Number(influx.InfluxRatio, 3)));
        return 0;
    }

    private static void Print(string mode, (TimeSpan Elapsed, InventorySyncStatus Status) run, int count) =>
        Console.WriteLine($"{mode,-9} {count} resources in {run.Elapsed.TotalSeconds:0.0} s = {count / run.Elapsed.TotalSeconds:0} resources/s (applied {run.Status.Applied}, failures {run.Status.ConsecutiveFailures})");

    private static async Task<(TimeSpan Elapsed, InventorySyncStatus Status)> SyncAsync(BenchmarkEstate estate, string? connectionString, CancellationToken cancellationToken)
    {
        await using var silo = await BenchmarkSilo.StartAsync(connectionString, s =>
        {
            s.Services.AddSingleton<IInventoryProvider>(estate);
            s.Services.Configure<InventorySyncOptions>(o =>
            {
                o.Interval = TimeSpan.FromHours(1);
                o.Parallelism = 256;
            });
        }, cancellationToken);
        var sync = silo.Grains.GetGrain<IInventorySyncGrain>(estate.Name);
        var clock = Stopwatch.StartNew();
        var status = await sync.SyncNowAsync();
        clock.Stop();
        if (status.ConsecutiveFailures > 0 || status.Resources != estate.Resources.Count)
        {
            throw new InvalidOperationException($"The sync did not complete: {status}");
        }

        return (clock.Elapsed, status);
    }
}
