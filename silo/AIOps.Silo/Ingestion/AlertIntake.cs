using System.Collections.Immutable;
using AIOps.Abstractions.Alerts;
using AIOps.Grains.Alerts;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// This silo's alert intake: an <see cref="AlertGroupCommit"/> over the silo's <see cref="IAlertStore"/> that delivers
/// to the cluster's <see cref="IAlertCorrelatorGrain"/> and counts what it accepted. Every alert endpoint stores
/// through it, so concurrent requests share one commit; a request answers 2xx only once its alerts are stored.
/// </summary>
public sealed class AlertIntake : BackgroundService
{
    private readonly AlertGroupCommit _commit;
    private readonly IngestionCounters _counters;

    /// <summary>Creates the intake.</summary>
    public AlertIntake(IAlertStore store, IGrainFactory grains, IngestionCounters counters, TimeProvider clock, ILogger<AlertIntake> logger)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(counters);
        var correlator = grains.GetGrain<IAlertCorrelatorGrain>(IAlertCorrelatorGrain.Key);
        _counters = counters;
        _commit = new AlertGroupCommit(store, correlator.ObserveAsync, clock, logger)
        {
            Committed = (notifications, result) => counters.Accepted(notifications.Select((n, i) => (n.Source, result.Changes[i])), result.NewAlerts),
            Absorbed = counters.Repeated,
        };
    }

    /// <summary>
    /// Answers a notification that repeats exactly a state this silo stored (see <see cref="AlertRepeats"/>): counted
    /// now, stored with the next repeat flush. False when it must go through <see cref="AcceptAsync"/>.
    /// </summary>
    public bool TryRepeat(string source, CheckedAlert alert, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return _commit.Repeats.TryAbsorb(source, alert.Fingerprint, alert.Status, alert.StartsAt, alert.Content, alert.EndsAt, receivedAt);
    }

    /// <summary>Counts notifications answered by <see cref="TryRepeat"/>.</summary>
    public void CountRepeats(string source, int count) => _counters.Repeated(source, count);

    /// <summary>Stores the repeats counted since the last flush (so a read sees them).</summary>
    public Task FlushRepeatsAsync(CancellationToken cancellationToken = default) => _commit.FlushRepeatsAsync(cancellationToken);

    /// <summary>Stores the notifications (with those of concurrent requests) and returns each one's change once committed.</summary>
    /// <exception cref="TimeoutException">The store could not take them: the source should retry (503).</exception>
    public Task<ImmutableArray<AlertChange>> AcceptAsync(IReadOnlyList<AlertNotification> notifications, CancellationToken cancellationToken = default) =>
        _commit.AcceptAsync(notifications, cancellationToken);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _commit.RunAsync(stoppingToken);
}
