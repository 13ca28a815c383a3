using AIOps.Abstractions.Alerts;

namespace AIOps.Grains.Alerts;

/// <summary>
/// Every accepted alert, one row per (source, fingerprint): current status, labels and annotations, first and last
/// seen, how many notifications, the latest event, and whether the correlator has taken the latest change yet.
/// Table <c>aiops_alerts</c> in durable mode, memory in embedded mode.
/// </summary>
/// <remarks>
/// The store decides each write's change: a new alert is <see cref="AlertChange.Firing"/> (or
/// <see cref="AlertChange.Resolved"/> when its first notification already says resolved), resolved to firing with a
/// later start is Firing, firing to resolved is Resolved, anything else (a repeat, a redelivered notification, a late
/// notification of an earlier instance) is <see cref="AlertChange.Repeat"/> and leaves the status as it was.
/// </remarks>
public interface IAlertStore
{
    /// <summary>
    /// Stores a batch as one transaction (one round trip in durable mode) and, in the same transaction, marks
    /// <paramref name="delivered"/> as taken by the correlator. Every written row is pending until marked.
    /// </summary>
    Task<AlertBatchResult> WriteAsync(AlertBatch batch, IReadOnlyCollection<AlertDelivery> delivered, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks rows delivered up to the given versions. A row written again since stays pending, as of its latest write.
    /// </summary>
    Task MarkDeliveredAsync(IReadOnlyCollection<AlertDelivery> delivered, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds repeats counted in memory (<see cref="AlertRepeats"/>) to their rows: notifications, last seen, and the end
    /// while the row still has the state they repeated. Changes no status and nothing pending.
    /// </summary>
    Task AddRepeatsAsync(IReadOnlyCollection<AlertRepeat> repeats, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rows still pending since before <paramref name="before"/>, oldest first: the latest event with the strongest
    /// change not yet delivered and the notifications since the last delivery.
    /// </summary>
    Task<IReadOnlyList<(AlertSignal Signal, AlertDelivery Delivery)>> PendingAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);

    /// <summary>The stored alerts with these keys (those that exist, in no particular order).</summary>
    Task<IReadOnlyList<StoredAlert>> GetAsync(IReadOnlyCollection<(string Source, string Fingerprint)> keys, CancellationToken cancellationToken = default);

    /// <summary>A filtered page, newest notification first; <see cref="Abstractions.ValidationException"/> for a bad query.</summary>
    Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default);
}
