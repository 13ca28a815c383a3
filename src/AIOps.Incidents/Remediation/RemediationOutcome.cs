namespace AIOps.Incidents.Remediation;

/// <summary>A recorded outcome: the features of a runbook action and whether the runbook fixed the incident.</summary>
/// <param name="Features">The features.</param>
/// <param name="Success">True when the runbook succeeded and its verification passed.</param>
public sealed record RemediationOutcome(RemediationFeatures Features, bool Success);
