using System.Collections.Immutable;

namespace AIOps.Grains.Costs;

/// <summary>One group's run-rate at a snapshot: dimension <c>total</c> (key <c>all</c>), <c>provider</c>, <c>team</c>, <c>kind</c> or <c>environment</c>.</summary>
public sealed record CostSample(string Dimension, string Key, decimal PerHour);

/// <summary>A group's run-rate over time: the average of the snapshots in each step.</summary>
public sealed record CostTrendSeries(string Key, ImmutableArray<CostTrendPoint> Points);

/// <summary>The average run-rate (per hour) of the snapshots taken in the step starting at <paramref name="At"/>.</summary>
public sealed record CostTrendPoint(DateTimeOffset At, decimal PerHour);

/// <summary>Spend over time by one dimension, from the snapshots the cost history recorder takes.</summary>
/// <param name="By">The dimension: total, provider, team, kind or environment.</param>
/// <param name="From">Start of the range (inclusive).</param>
/// <param name="To">End of the range (exclusive).</param>
/// <param name="Step">Width of each point.</param>
/// <param name="Series">One series per key, largest current spend first; steps without a snapshot have no point.</param>
public sealed record CostTrend(string By, DateTimeOffset From, DateTimeOffset To, TimeSpan Step, ImmutableArray<CostTrendSeries> Series);

/// <summary>Where cost snapshots are kept: in memory in the embedded mode, table <c>aiops_cost_snapshots</c> in durable mode.</summary>
public interface ICostHistoryStore
{
    /// <summary>Records one snapshot of every group's run-rate.</summary>
    Task AppendAsync(DateTimeOffset at, IReadOnlyCollection<CostSample> samples, CancellationToken cancellationToken = default);

    /// <summary>
    /// The average run-rate per step of each key of <paramref name="dimension"/> in [from, to), optionally only
    /// <paramref name="keys"/>; a step is [from + i·step, from + (i+1)·step).
    /// </summary>
    Task<IReadOnlyList<CostTrendSeries>> QueryAsync(string dimension, IReadOnlyCollection<string>? keys, DateTimeOffset from, DateTimeOffset to, TimeSpan step,
        CancellationToken cancellationToken = default);
}

/// <summary>The dimensions a snapshot records and a trend can be asked by.</summary>
public static class CostDimensions
{
    public const string Total = "total";
    public const string Provider = "provider";
    public const string Team = "team";
    public const string Kind = "kind";
    public const string Environment = "environment";

    /// <summary>The key of resources without a value for the dimension (no team tag, say).</summary>
    public const string None = "(none)";

    public static readonly ImmutableArray<string> All = [Total, Provider, Team, Kind, Environment];

    /// <summary>The samples of one report: its total and every group of every dimension.</summary>
    public static IReadOnlyList<CostSample> SamplesOf(AIOps.Abstractions.Costs.CostReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var samples = new List<CostSample> { new(Total, "all", report.Total.PerHour) };
        void Add(string dimension, IEnumerable<AIOps.Abstractions.Costs.CostGroup> groups) =>
            samples.AddRange(groups.Select(g => new CostSample(dimension, g.Key ?? None, g.Cost.PerHour)));
        Add(Provider, report.ByProvider);
        Add(Team, report.ByTeam);
        Add(Kind, report.ByKind);
        Add(Environment, report.ByEnvironment);
        return samples;
    }
}

/// <summary>Snapshots in memory (the embedded mode), the last <see cref="Retention"/> of them.</summary>
public sealed class InMemoryCostHistoryStore(TimeProvider clock) : ICostHistoryStore
{
    /// <summary>How long snapshots are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(35);

    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset At, CostSample Sample)> _rows = [];

    /// <inheritdoc />
    public Task AppendAsync(DateTimeOffset at, IReadOnlyCollection<CostSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        lock (_gate)
        {
            var cutoff = clock.GetUtcNow() - Retention;
            _rows.RemoveAll(r => r.At < cutoff);
            _rows.AddRange(samples.Select(s => (at, s)));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CostTrendSeries>> QueryAsync(string dimension, IReadOnlyCollection<string>? keys, DateTimeOffset from, DateTimeOffset to, TimeSpan step,
        CancellationToken cancellationToken = default)
    {
        (DateTimeOffset At, CostSample Sample)[] rows;
        lock (_gate)
        {
            rows = _rows.Where(r => r.Sample.Dimension == dimension && r.At >= from && r.At < to && (keys is null || keys.Contains(r.Sample.Key))).ToArray();
        }

        IReadOnlyList<CostTrendSeries> series = rows
            .GroupBy(r => r.Sample.Key, StringComparer.Ordinal)
            .Select(g => new CostTrendSeries(g.Key, [.. g
                .GroupBy(r => (r.At - from).Ticks / step.Ticks)
                .OrderBy(b => b.Key)
                .Select(b => new CostTrendPoint(from + TimeSpan.FromTicks(b.Key * step.Ticks), b.Average(r => r.Sample.PerHour)))]))
            .ToArray();
        return Task.FromResult(series);
    }
}
