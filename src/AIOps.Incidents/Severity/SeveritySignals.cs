using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Incidents.Evidence;

namespace AIOps.Incidents.Impact;

/// <summary>Reads the SLO-like signals, the environment and the source severity out of an incident's alerts.</summary>
public static class SeveritySignals
{
    private static readonly string[] AvailabilityWords = ["Down", "NotReady", "Unreachable", "Unavailable", "ProbeFailed", "Outage", "NoHealthyHosts"];
    private static readonly string[] ErrorWords = ["ErrorRate", "Errors", "5xx", "ErrorBudget", "BurnRate", "SLO"];
    private static readonly string[] LatencyWords = ["Latency", "SlowRequests", "ResponseTime"];
    private static readonly string[] EnvironmentKeys = ["env", "environment", "stage", "tier"];

    /// <summary>
    /// The input for <paramref name="evidence"/>: alert names (and an <c>slo</c> or <c>sli</c> label, which marks an
    /// error-objective alert) give the SLO-like signals; <c>env</c>/<c>environment</c> labels give the environment
    /// (the most important one seen); the resource count is the distinct resources of its alerts, at least the
    /// evidence's resource kinds.
    /// </summary>
    public static SeverityInput From(IncidentEvidence evidence, int transitiveDependents, DeploymentEnvironment? environment = null, double? errorRatio = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var firing = evidence.Alerts.Where(a => a.EndsAt is null).ToImmutableArray();
        var alerts = firing.IsEmpty ? evidence.Alerts : firing;
        var resources = Math.Max(
            evidence.Alerts.Select(a => a.ResourceId).OfType<string>().Distinct(StringComparer.Ordinal).Count(),
            evidence.ResourceKinds.Length);
        var env = environment ?? alerts
            .SelectMany(a => EnvironmentKeys.Select(k => a.Labels.GetValueOrDefault(k)))
            .OfType<string>()
            .Select(ParseEnvironment)
            .OrderBy(Rank)
            .FirstOrDefault();
        return new SeverityInput(
            Math.Max(1, resources),
            Math.Max(0, transitiveDependents),
            env,
            alerts.IsEmpty ? Severity.Low : alerts.Max(a => a.Severity),
            alerts.Any(a => Has(a.Name, AvailabilityWords)),
            alerts.Any(a => Has(a.Name, ErrorWords) || a.Labels.ContainsKey("slo") || a.Labels.ContainsKey("sli")),
            alerts.Any(a => Has(a.Name, LatencyWords)),
            errorRatio);
    }

    /// <summary><c>prod</c>, <c>Production</c>, <c>stg</c>, <c>dev</c>... to an environment; anything else is unknown.</summary>
    public static DeploymentEnvironment ParseEnvironment(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "PROD" or "PRODUCTION" or "PRD" or "LIVE" => DeploymentEnvironment.Production,
        "STAGING" or "STAGE" or "STG" or "PREPROD" or "PRE-PROD" or "UAT" => DeploymentEnvironment.Staging,
        "DEV" or "DEVELOPMENT" or "TEST" or "TESTING" or "QA" or "SANDBOX" => DeploymentEnvironment.Development,
        _ => DeploymentEnvironment.Unknown,
    };

    /// <summary>Production first, then unknown, staging, development.</summary>
    private static int Rank(DeploymentEnvironment e) => e switch
    {
        DeploymentEnvironment.Production => 0,
        DeploymentEnvironment.Unknown => 1,
        DeploymentEnvironment.Staging => 2,
        _ => 3,
    };

    private static bool Has(string name, string[] words) => words.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
}
