namespace AIOps.Benchmarks;

/// <summary>Picks the benchmark named by the first argument; exit codes: 0 ok, 1 failed, 2 bad command line.</summary>
public static class BenchmarkRunner
{
    /// <summary>Runs <c>args[0]</c> with the rest as its options; Ctrl+C cancels it so it can still stop what it started.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<IBenchmark> benchmarks, string[] args)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        ArgumentNullException.ThrowIfNull(args);
        var benchmark = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
        if (benchmark is null)
        {
            await WriteUsageAsync(benchmarks, args.Length > 0 && !args[0].StartsWith('-') ? $"unknown benchmark '{args[0]}'" : null);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await benchmark.RunAsync(BenchmarkArgs.Parse(args.AsSpan(1)), cancellation.Token);
        }
        catch (BenchmarkUsageException e)
        {
            await WriteUsageAsync([benchmark], $"{benchmark.Name}: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{benchmark.Name}: cancelled.");
            return 1;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"{benchmark.Name}: failed: {e}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task WriteUsageAsync(IEnumerable<IBenchmark> benchmarks, string? error)
    {
        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error);
        }

        await Console.Error.WriteLineAsync("usage: dotnet run -c Release --project tests/AIOps.Benchmarks -- <name> [options]");
        foreach (var b in benchmarks)
        {
            await Console.Error.WriteLineAsync($"  {b.Name,-10} {b.Usage}");
        }
    }
}
