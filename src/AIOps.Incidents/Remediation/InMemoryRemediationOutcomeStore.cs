namespace AIOps.Incidents.Remediation;

/// <summary>Outcomes kept for the life of the process (the embedded mode).</summary>
public sealed class InMemoryRemediationOutcomeStore : IRemediationOutcomeStore
{
    private readonly Lock _lock = new();
    private readonly List<(RemediationOutcome Outcome, DateTimeOffset At)> _outcomes = [];

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyCollection<RemediationOutcome> outcomes, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        lock (_lock)
        {
            _outcomes.AddRange(outcomes.Select(o => (o, at)));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RemediationOutcome>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<RemediationOutcome>>([.. _outcomes.Select(o => o.Outcome)]);
        }
    }

    /// <inheritdoc />
    public Task<int> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_outcomes.Count(o => o.At > since));
        }
    }
}
