namespace AIOps.Abstractions.Alerts;

/// <summary>
/// The platform's reading of a source's severity word (an Alertmanager <c>severity</c> label, a CloudWatch severity
/// tag or attribute, the simulated estate's rules): one vocabulary, so the same word means the same everywhere.
/// </summary>
public static class AlertSeverity
{
    /// <summary>The severity a word names, case-insensitively; null for a word outside the vocabulary (or none).</summary>
    public static Severity? Parse(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "critical" or "page" or "p1" => Severity.Critical,
        "high" or "error" or "major" or "p2" => Severity.High,
        "medium" or "warning" or "warn" or "minor" or "p3" => Severity.Medium,
        "low" or "info" or "none" or "p4" => Severity.Low,
        _ => null,
    };
}
