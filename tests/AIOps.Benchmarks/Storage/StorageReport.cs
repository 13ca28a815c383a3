using System.Globalization;

namespace AIOps.Benchmarks.Storage;

/// <summary>The tables of the <c>storage</c> benchmark.</summary>
internal static class StorageReport
{
    private const double MB = 1024 * 1024;

    public static void PrintWrites(StoredPayload payload, IEnumerable<(string Phase, string Path, LoadResult Result)> runs, double ratio)
    {
        Console.WriteLine();
        Console.WriteLine(
            $"Stored grain payload (type '{payload.GrainType}'): {payload.Rows} rows, mean {ResultLine.Number(payload.AverageBytes)} B " +
            $"(min {payload.MinBytes}, max {payload.MaxBytes}); raw rows carry {payload.Sample.Length} B");
        var table = new ResultTable("phase", "path", "writes", "in flight", "seconds", "writes/s", "p50 ms", "p99 ms", "silo CPU ms/write", "other CPU ms/write");
        foreach (var (phase, path, r) in runs)
        {
            table.Add(
                phase, path, Integer(r.Operations), Integer(r.Concurrency), ResultLine.Number(r.Elapsed.TotalSeconds, 2), ResultLine.Number(r.PerSecond),
                ResultLine.Number(r.Percentile(50), 2), ResultLine.Number(r.Percentile(99), 2), ResultLine.Number(r.ProcessCpuMsPerOp, 3),
                ResultLine.Number(r.OtherCpuMsPerOp, 3));
        }

        table.Print();
        Console.WriteLine("silo CPU = this process (silo, Npgsql, load generator); other CPU = the rest of the machine, i.e. PostgreSQL.");
        Console.WriteLine($"ratio grain/raw = {ResultLine.Number(ratio, 3)} (target >= 0.6: {(ratio >= 0.6 ? "met" : "MISSED")})");
        Console.WriteLine();
    }

    public static void PrintBreakdown(IEnumerable<(string Path, LoadResult Result)> runs, SerializerCost serializer, BackgroundCpu background)
    {
        Console.WriteLine("Where the grain path's cost goes (same concurrency):");
        var table = new ResultTable(
            "path", "ops", "ops/s", "p50 ms", "silo CPU ms/op", "other CPU ms/op", "total CPU ms/op", "alloc B/op", "pool items/op", "ctx sw/op", "GC pause %");
        foreach (var (path, r) in runs)
        {
            var runtime = r.RuntimePerOp;
            table.Add(
                path, Integer(r.Operations), ResultLine.Number(r.PerSecond), ResultLine.Number(r.Percentile(50), 2), ResultLine.Number(r.ProcessCpuMsPerOp, 3),
                ResultLine.Number(r.OtherCpuMsPerOp, 3), ResultLine.Number(r.ProcessCpuMsPerOp + r.OtherCpuMsPerOp, 3), ResultLine.Number(runtime.AllocatedBytes, 0),
                ResultLine.Number(runtime.WorkItems, 1), ResultLine.Number(runtime.ContextSwitches, 1), ResultLine.Number(runtime.GcPausePercent, 1));
        }

        table.Print();
        Console.WriteLine(
            $"grain storage serializer on one resource state ({serializer.Bytes} B): serialize + copy {ResultLine.Number(serializer.SerializeMicroseconds, 2)} us, " +
            $"deserialize {ResultLine.Number(serializer.DeserializeMicroseconds, 2)} us (single thread, tight loop)");
        Console.WriteLine(
            $"background while idle: silo {ResultLine.Number(background.SiloMsPerSecond)} CPU ms/s, other {ResultLine.Number(background.OtherMsPerSecond)} CPU ms/s " +
            "(included in the per-op figures above in proportion to each run's duration)");
        Console.WriteLine();
    }

    public static void PrintMemory(IdleGrainMemoryResult memory)
    {
        var creation = memory.Creation;
        Console.WriteLine(
            $"Created {memory.Count} resources in {ResultLine.Number(creation.Elapsed.TotalSeconds, 1)} s ({ResultLine.Number(creation.PerSecond)}/s, " +
            $"p99 {ResultLine.Number(creation.Percentile(99), 1)} ms, silo CPU {ResultLine.Number(creation.ProcessCpuMsPerOp, 3)} ms/upsert)");
        var table = new ResultTable("snapshot", "created", "resource activations", "all activations", "live MB", "GC heap MB", "committed MB", "working set MB");
        foreach (var p in memory.Points)
        {
            table.Add(
                p.Label, Integer(p.Created), Integer(p.Activations.Resources), Integer(p.Activations.Total), ResultLine.Number(p.Memory.LiveBytes / MB),
                ResultLine.Number(p.Memory.HeapSizeBytes / MB), ResultLine.Number(p.Memory.CommittedBytes / MB), ResultLine.Number(p.Memory.WorkingSetBytes / MB));
        }

        table.Print();
        var perGrain = new ResultTable("per idle grain", "bytes");
        perGrain.Add("live managed, before -> after", ResultLine.Number(memory.LiveBytesPerGrain, 0));
        perGrain.Add("live managed, halfway -> after", ResultLine.Number(memory.LiveBytesPerGrainSecondHalf, 0));
        perGrain.Add("GC heap size, before -> after", ResultLine.Number(memory.HeapBytesPerGrain, 0));
        perGrain.Add("working set, before -> after", ResultLine.Number(memory.WorkingSetBytesPerGrain, 0));
        perGrain.Print();
        Console.WriteLine(
            $"resource grains activated: {memory.Activated} of {memory.Count}; still active after the last snapshot: " +
            $"{memory.FinalCount.Resources - memory.Points[0].Activations.Resources}{(memory.AllActive ? "" : "  <- NOT all active: the figure is not valid")}");
        Console.WriteLine($"bytes per idle grain = {ResultLine.Number(memory.LiveBytesPerGrain, 0)} (target <= 2048: {(memory.LiveBytesPerGrain <= 2048 ? "met" : "MISSED")})");
        Console.WriteLine();
    }

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
