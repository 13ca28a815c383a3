namespace AIOps.Incidents.Remediation;

/// <summary>
/// The outcomes of real runbook executions the remediation-success model learns from: in memory in the embedded mode,
/// PostgreSQL in the durable one (shared by the silos, kept across restarts). Outcomes are only ever added.
/// </summary>
public interface IRemediationOutcomeStore
{
    /// <summary>Adds the outcomes of one execution, recorded at <paramref name="at"/>.</summary>
    Task AppendAsync(IReadOnlyCollection<RemediationOutcome> outcomes, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Every outcome recorded, oldest first.</summary>
    Task<IReadOnlyList<RemediationOutcome>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>How many outcomes were recorded after <paramref name="since"/> (those a model trained then has not seen).</summary>
    Task<int> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
