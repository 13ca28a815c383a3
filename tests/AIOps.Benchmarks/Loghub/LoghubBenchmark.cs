using System.Diagnostics;
using System.Globalization;
using AIOps.Logs;

namespace AIOps.Benchmarks.Loghub;

/// <summary>
/// <c>loghub</c>: grouping accuracy of <see cref="LogTemplateMiner"/> on every Loghub-2k system found in the data
/// folder, with the default settings for all of them. Each system's messages (the <c>Content</c> column) go through a
/// fresh miner one at a time; a line's group is its template id after the last line, resolved through merges.
/// </summary>
public sealed class LoghubBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "loghub";

    /// <inheritdoc />
    public string Usage => "log template mining, grouping accuracy per Loghub-2k system and mean. Options: --data ../shared/data (or a folder of <Sys>/<Sys>_2k.log_structured.csv) --errors 0";

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchmarkArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var data = args.GetString("data");
        var errors = args.GetInt32("errors", 0, min: 0);
        args.EnsureAllUsed();

        var directory = LoghubDirectory(data);
        var names = LoghubSystem.Discover(directory);
        if (names.Count == 0)
        {
            throw new BenchmarkUsageException($"no <Sys>/<Sys>_2k.log_structured.csv under {directory}");
        }

        var systems = new List<LoghubSystem>();
        foreach (var name in names)
        {
            systems.Add(await LoghubSystem.LoadAsync(directory, name, cancellationToken));
        }

        var options = new LogTemplateMinerOptions();
        Console.WriteLine($"loghub: {systems.Count} systems from {directory}; one setting for all: MinDistinctWords={options.MinDistinctWords}, MinConstantTokens={options.MinConstantTokens}, MaxTemplates={options.MaxTemplates}, MaxTokens={options.MaxTokens}");

        // Untimed first pass so JIT compilation does not count against the first system.
        foreach (var system in systems)
        {
            Parse(system, options);
        }

        var table = new ResultTable("system", "lines", "GA", "pairwise F1", "FGA", "templates", "expected", "exact groups", "lines/s");
        var scores = new List<GroupingScores>();
        long totalLines = 0;
        var totalTime = TimeSpan.Zero;
        foreach (var system in systems)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (groups, elapsed, miner) = Parse(system, options);
            var score = GroupingEvaluator.Score(system.EventIds, groups);
            scores.Add(score);
            totalLines += system.Messages.Count;
            totalTime += elapsed;
            table.Add(
                system.Name,
                Int(score.Lines),
                ResultLine.Number(score.GroupingAccuracy, 3),
                ResultLine.Number(score.PairwiseF1, 3),
                ResultLine.Number(score.GroupF1, 3),
                Int(score.FoundGroups),
                Int(score.ExpectedGroups),
                Int(score.CorrectGroups),
                ResultLine.Number(system.Messages.Count / elapsed.TotalSeconds, 0));
            if (errors > 0)
            {
                PrintErrors(system, groups, miner, errors);
            }
        }

        var meanGa = scores.Average(s => s.GroupingAccuracy);
        table.Add(
            "mean",
            Int((int)totalLines),
            ResultLine.Number(meanGa, 3),
            ResultLine.Number(scores.Average(s => s.PairwiseF1), 3),
            ResultLine.Number(scores.Average(s => s.GroupF1), 3),
            "",
            "",
            "",
            ResultLine.Number(totalLines / totalTime.TotalSeconds, 0));
        table.Print();
        Console.WriteLine("Drain's published mean GA on HDFS, BGL, Hadoop, Spark, Zookeeper, OpenStack, Apache, Linux: 0.902 (target 0.95).");
        ResultLine.Write(
            "loghub",
            ("systems", Int(systems.Count)),
            ("mean_ga", meanGa.ToString("0.000", CultureInfo.InvariantCulture)));
        return 0;
    }

    private static (int[] Groups, TimeSpan Elapsed, LogTemplateMiner Miner) Parse(LoghubSystem system, LogTemplateMinerOptions options)
    {
        var miner = new LogTemplateMiner(options);
        var ids = new int[system.Messages.Count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = miner.Add(system.Messages[i]).TemplateId;
        }

        clock.Stop();
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = miner.Resolve(ids[i]) ?? -i - 1;
        }

        return (ids, clock.Elapsed, miner);
    }

    /// <summary>The folder holding the systems: <c>--data</c> itself or its <c>loghub</c> folder; by default <c>../shared/data</c> above the working folder.</summary>
    private static string LoghubDirectory(string? data)
    {
        if (data is null)
        {
            for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    data = candidate;
                    break;
                }
            }

            if (data is null)
            {
                throw new BenchmarkUsageException("no ../shared/data found above the working folder; pass --data <dir>");
            }
        }

        var full = Path.GetFullPath(data);
        if (!Directory.Exists(full))
        {
            throw new BenchmarkUsageException($"--data {data}: directory not found");
        }

        var nested = Path.Combine(full, "loghub");
        return Directory.Exists(nested) && LoghubSystem.Discover(nested).Count > 0 ? nested : full;
    }

    private static void PrintErrors(LoghubSystem system, int[] groups, LogTemplateMiner miner, int limit)
    {
        var predictedSizes = groups.CountBy(g => g).ToDictionary();
        var wrong = system.EventIds.Select((e, i) => (Event: e, Group: groups[i]))
            .GroupBy(x => x.Event)
            .Where(g => g.Select(x => x.Group).Distinct().Count() > 1 || predictedSizes[g.First().Group] != g.Count())
            .OrderByDescending(g => g.Count())
            .Take(limit);
        foreach (var g in wrong)
        {
            var parts = g.CountBy(x => x.Group).OrderByDescending(p => p.Value).Take(4)
                .Select(p => $"{p.Value}/{predictedSizes[p.Key]} in '{(miner.TryGetTemplate(p.Key, out var t) ? t.Text : "?")}'");
            Console.WriteLine($"  {system.Name} {g.Key} ({g.Count()} lines): {string.Join("; ", parts)}");
        }
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
