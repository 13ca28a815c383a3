namespace AIOps.Incidents.Runbooks;

/// <summary>
/// What a runbook acts on. In the silo, estate actions go through the orchestrator (policy, approval, leases, journal),
/// metrics come from the platform's metrics source and integrations are called over HTTP; the cold-start trainer runs
/// the same runner against a simulated estate in process.
/// </summary>
public interface IRunbookEnvironment
{
    /// <summary>The clock waits and timestamps follow.</summary>
    TimeProvider Time { get; }

    /// <summary>The id the action of <paramref name="idempotencyKey"/> has or will have, so progress can show it while it waits for approval; null if there is none.</summary>
    string? ActionIdFor(string idempotencyKey);

    /// <summary>Carries out an estate action (scale, restart, ...) and waits for its end; the key makes a repeated call the same action.</summary>
    Task<StepResult> RunActionAsync(PlannedStep step, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The newest value of <paramref name="metric"/> for each resource, measured at or after <paramref name="since"/>; a resource without such a value is left out.</summary>
    Task<IReadOnlyDictionary<string, double>> ReadMetricAsync(string metric, IReadOnlyList<string> resourceIds, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The resources <paramref name="resourceId"/> depends on now (a deployment's pods, a machine's volumes).</summary>
    Task<IReadOnlyList<string>> DependenciesAsync(string resourceId, CancellationToken cancellationToken);

    /// <summary>Sends a notify or command step to its integration.</summary>
    Task<StepResult> CallIntegrationAsync(PlannedStep step, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Waits (real time in the silo, simulated time in the trainer).</summary>
    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Writes a line on the incident's timeline.</summary>
    Task NoteAsync(string text, CancellationToken cancellationToken);
}
