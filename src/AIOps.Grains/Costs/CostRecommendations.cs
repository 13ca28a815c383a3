using System.Collections.Immutable;
using System.Globalization;
using AIOps.Abstractions.Costs;
using AIOps.Abstractions.Resources;
using AIOps.Estate.Metrics;
using AIOps.Grains.Catalog;

namespace AIOps.Grains.Costs;

/// <summary>A way to spend less, with what it would save and why it is proposed.</summary>
/// <param name="ResourceId">The resource concerned.</param>
/// <param name="Name">Its name.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Team">Its team, if tagged.</param>
/// <param name="Type">idle-machine (stop it), underused-machine (one size down) or unattached-volume (snapshot and delete).</param>
/// <param name="Action">What to do, in a sentence.</param>
/// <param name="MonthlyCost">What it costs now per month.</param>
/// <param name="EstimatedMonthlySavings">What doing it would save per month.</param>
/// <param name="Evidence">What it is based on (utilisation over the window, the volume's state).</param>
public sealed record CostRecommendation(
    string ResourceId,
    string Name,
    string Provider,
    string Kind,
    string? Team,
    string Type,
    string Action,
    decimal MonthlyCost,
    decimal EstimatedMonthlySavings,
    ImmutableArray<string> Evidence);

/// <summary>
/// The recommendations over the caller's resources, largest saving first. Machines whose CPU samples do not span half
/// the window (a platform started minutes ago, say) are counted in <paramref name="MachinesWithoutHistory"/>, not judged.
/// </summary>
public sealed record CostRecommendationReport(
    DateTimeOffset GeneratedAt,
    TimeSpan Window,
    int MachinesAnalysed,
    int MachinesWithoutHistory,
    int VolumesAnalysed,
    decimal EstimatedMonthlySavings,
    ImmutableArray<CostRecommendation> Recommendations);

/// <summary>
/// Finds waste from what the platform already knows: machines whose CPU stayed low over the window (from the metrics
/// source; the 95th percentile of the window's points) and volumes attached to nothing (their observed state).
/// Machines whose samples do not span half the window are not judged.
/// </summary>
public sealed class CostRecommendationService(IResourceCatalog catalog, IMetricsSource metrics, IGrainFactory grains, TimeProvider clock)
{
    /// <summary>A machine whose CPU p95 is below this is idle: stopping it saves all of its cost.</summary>
    public const double IdleCpu = 0.05;

    /// <summary>A machine whose CPU p95 is below this is underused: one size down halves its cost.</summary>
    public const double UnderusedCpu = 0.20;

    /// <summary>The CPU metric, 0..1 of the machine's capacity.</summary>
    public const string CpuMetric = "aiops_cpu_utilization_ratio";

    private static readonly string[] MachineKinds = ["ec2-instance", "vm", "aws_instance", "node"];
    private static readonly string[] VolumeKinds = ["ebs-volume", "managed-disk", "aws_ebs_volume"];

    /// <summary>The recommendations over the resources in <paramref name="teams"/> (null: every team).</summary>
    public async Task<CostRecommendationReport> RecommendAsync(ImmutableArray<string>? teams, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var recommendations = new List<CostRecommendation>();
        var machines = 0;
        var withoutHistory = 0;
        foreach (var kind in MachineKinds)
        {
            var resources = await AllAsync(kind, teams, cancellationToken);
            if (resources.Count == 0)
            {
                continue;
            }

            var series = await metrics.QueryRangeAsync(
                new MetricQuery(CpuMetric, ImmutableSortedDictionary<string, string>.Empty.Add("kind", kind), now - window, now, Step(window)), cancellationToken);
            var cpuById = series
                .Where(s => s.Labels.ContainsKey("resource_id") && s.Points.Length > 0)
                .GroupBy(s => s.Labels["resource_id"], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.SelectMany(s => s.Points).ToArray(), StringComparer.Ordinal);
            foreach (var r in resources)
            {
                if (r.CostPerHour <= 0)
                {
                    continue;
                }

                // Judged only on enough history: samples spanning at least half the window.
                if (!cpuById.TryGetValue(r.Id, out var points) || points.Max(p => p.Timestamp) - points.Min(p => p.Timestamp) < window / 2)
                {
                    withoutHistory++;
                    continue;
                }

                var values = points.Select(p => p.Value).ToArray();
                machines++;
                var p95 = Percentile(values, 0.95);
                var monthly = r.CostPerHour * CostRate.HoursPerMonth;
                var evidence = ImmutableArray.Create(
                    string.Create(CultureInfo.InvariantCulture, $"CPU p95 {p95 * 100:0.0}% and mean {values.Average() * 100:0.0}% over the last {Describe(window)} ({values.Length} samples)"));
                if (p95 < IdleCpu)
                {
                    recommendations.Add(new CostRecommendation(r.Id, r.Name, r.Provider, r.Kind, r.Team, "idle-machine",
                        $"Stop or remove {r.Name}: it has been idle", monthly, monthly, evidence));
                }
                else if (p95 < UnderusedCpu)
                {
                    recommendations.Add(new CostRecommendation(r.Id, r.Name, r.Provider, r.Kind, r.Team, "underused-machine",
                        $"Move {r.Name} one size down: it uses a fraction of its CPU", monthly, decimal.Round(monthly / 2, 2), evidence));
                }
            }
        }

        var volumes = 0;
        foreach (var kind in VolumeKinds)
        {
            foreach (var r in await AllAsync(kind, teams, cancellationToken))
            {
                volumes++;
                if (r.CostPerHour <= 0)
                {
                    continue;
                }

                // AWS says a detached volume is "available"; Azure's disk state says "Unattached".
                var observed = (await grains.GetGrain<IResourceGrain>(r.Id).GetAsync()).ObservedState;
                var state = observed.GetValueOrDefault("state") ?? observed.GetValueOrDefault("diskState");
                if (string.Equals(state, "available", StringComparison.OrdinalIgnoreCase) || string.Equals(state, "unattached", StringComparison.OrdinalIgnoreCase))
                {
                    var monthly = r.CostPerHour * CostRate.HoursPerMonth;
                    recommendations.Add(new CostRecommendation(r.Id, r.Name, r.Provider, r.Kind, r.Team, "unattached-volume",
                        $"Snapshot and delete {r.Name}: it is attached to nothing", monthly, monthly, [$"observed state '{state}', attached to nothing"]));
                }
            }
        }

        var ordered = recommendations.OrderByDescending(r => r.EstimatedMonthlySavings).ThenBy(r => r.ResourceId, StringComparer.Ordinal).ToImmutableArray();
        return new CostRecommendationReport(now, window, machines, withoutHistory, volumes, ordered.Sum(r => r.EstimatedMonthlySavings), ordered);
    }

    private async Task<List<ResourceSummary>> AllAsync(string kind, ImmutableArray<string>? teams, CancellationToken cancellationToken)
    {
        var all = new List<ResourceSummary>();
        for (var offset = 0; ; offset += ResourceQueries.MaxLimit)
        {
            var page = await catalog.QueryAsync(new ResourceQuery(Kind: kind, Offset: offset, Limit: ResourceQueries.MaxLimit) { Teams = teams }, cancellationToken);
            all.AddRange(page.Items);
            if (page.Items.Count < ResourceQueries.MaxLimit)
            {
                return all;
            }
        }
    }

    private static TimeSpan Step(TimeSpan window) => TimeSpan.FromSeconds(Math.Max(30, Math.Ceiling(window.TotalSeconds / 120)));

    private static string Describe(TimeSpan window) =>
        window.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours:0.#} h") : string.Create(CultureInfo.InvariantCulture, $"{window.TotalMinutes:0} min");

    /// <summary>The nearest-rank percentile of the values.</summary>
    public static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
