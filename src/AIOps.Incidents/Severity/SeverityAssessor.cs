using System.Collections.Immutable;
using System.Globalization;
using AIOps.Abstractions;

namespace AIOps.Incidents.Impact;

/// <summary>
/// Severity from impact, in points (0..100), then scaled by the environment:
/// <list type="bullet">
/// <item>Source severity: low 10, medium 25, high 45, critical 60 (what the alert's author thought).</item>
/// <item>Blast radius: 8 × log2(1 + affected + dependents), at most 25 (1 resource 8, 3 → 16, 7 → 24).</item>
/// <item>SLO-like signals, at most 30 together: availability lost 25; errors beyond the objective 20 (or by the
/// measured error ratio: ≥ 25% 25, ≥ 5% 20, ≥ 1% 10); latency beyond the objective 10.</item>
/// <item>Environment factor: production 1, unknown 0.85, staging 0.45, development 0.2, so staging tops out at
/// medium and development stays low.</item>
/// </list>
/// Score ≥ 75 is critical, ≥ 50 high, ≥ 25 medium, below that low. Pure: the same input gives the same assessment.
/// </summary>
public static class SeverityAssessor
{
    /// <summary>Score (0..1) from which an incident is critical.</summary>
    public const double CriticalFrom = 0.75;

    /// <summary>Score from which an incident is high.</summary>
    public const double HighFrom = 0.50;

    /// <summary>Score from which an incident is medium.</summary>
    public const double MediumFrom = 0.25;

    /// <summary>Assesses <paramref name="input"/>.</summary>
    public static SeverityAssessment Assess(SeverityInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.AffectedResources < 0 || input.TransitiveDependents < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(input), "Resource counts cannot be negative.");
        }

        if (input.ErrorRatio is { } ratio && (double.IsNaN(ratio) || ratio is < 0 or > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(input), ratio, "ErrorRatio must be between 0 and 1.");
        }

        var reasons = ImmutableArray.CreateBuilder<string>();
        var source = input.HighestSourceSeverity switch
        {
            Severity.Critical => 60,
            Severity.High => 45,
            Severity.Medium => 25,
            _ => 10,
        };
        reasons.Add($"source severity {input.HighestSourceSeverity.ToString().ToLowerInvariant()}: {source} points");

        var reach = input.AffectedResources + input.TransitiveDependents;
        var blast = Math.Min(25, 8 * Math.Log2(1 + reach));
        reasons.Add($"blast radius {reach} resource{(reach == 1 ? "" : "s")} ({input.AffectedResources} affected, {input.TransitiveDependents} dependent): {P(blast)} points");

        var slo = 0.0;
        if (input.AvailabilityLost)
        {
            slo += 25;
            reasons.Add("availability lost: 25 points");
        }

        var errors = input.ErrorRatio switch
        {
            >= 0.25 => 25,
            >= 0.05 => 20,
            >= 0.01 => 10,
            _ => input.ErrorObjectiveBreached ? 20 : 0,
        };
        if (errors > 0)
        {
            slo += errors;
            reasons.Add(input.ErrorRatio is { } r && r >= 0.01
                ? $"{P(r * 100)}% of requests failing: {errors} points"
                : $"error objective breached: {errors} points");
        }

        if (input.LatencyObjectiveBreached)
        {
            slo += 10;
            reasons.Add("latency objective breached: 10 points");
        }

        if (slo > 30)
        {
            reasons.Add($"SLO signals capped at 30 points (of {P(slo)})");
            slo = 30;
        }

        var factor = input.Environment switch
        {
            DeploymentEnvironment.Production => 1.0,
            DeploymentEnvironment.Staging => 0.45,
            DeploymentEnvironment.Development => 0.2,
            _ => 0.85,
        };
        var points = Math.Min(100, source + blast + slo);
        var score = points * factor / 100;
        reasons.Add($"{input.Environment.ToString().ToLowerInvariant()} environment: × {P(factor)}");
        var severity = score >= CriticalFrom ? Severity.Critical : score >= HighFrom ? Severity.High : score >= MediumFrom ? Severity.Medium : Severity.Low;
        reasons.Add($"score {score.ToString("0.00", CultureInfo.InvariantCulture)}: {severity.ToString().ToLowerInvariant()}");
        return new SeverityAssessment(severity, score, reasons.ToImmutable());
    }

    private static string P(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
