using AIOps.Abstractions.Alerts;

namespace AIOps.Grains.Alerts;

/// <summary>The embedded-mode alert store: the same rules as <see cref="PostgresAlertStore"/>, in memory, lost with the process.</summary>
public sealed class InMemoryAlertStore : IAlertStore
{
    private readonly Dictionary<(string, string), Row> _rows = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<AlertBatchResult> WriteAsync(AlertBatch batch, IReadOnlyCollection<AlertDelivery> delivered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_lock)
        {
            Mark(delivered);
            var outcomes = batch.Rounds.Select(round => (IReadOnlyList<AlertOutcome>)[.. round.Select(Apply)]).ToList();
            return Task.FromResult(batch.Complete(outcomes));
        }
    }

    /// <inheritdoc />
    public Task MarkDeliveredAsync(IReadOnlyCollection<AlertDelivery> delivered, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Mark(delivered);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AddRepeatsAsync(IReadOnlyCollection<AlertRepeat> repeats, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        lock (_lock)
        {
            foreach (var r in AlertRepeatRow.Merge(repeats))
            {
                if (_rows.TryGetValue((r.Source, r.Fingerprint), out var row))
                {
                    row.Notifications += r.Count;
                    row.LastSeen = row.LastSeen > r.LastSeen ? row.LastSeen : r.LastSeen;
                    if (r.EndsAt is not null && row.Latest.Status == r.Status && row.Latest.StartsAt == r.StartsAt)
                    {
                        row.Latest = row.Latest with { EndsAt = r.EndsAt };
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(AlertSignal Signal, AlertDelivery Delivery)>> PendingAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<(AlertSignal, AlertDelivery)> pending = [.. _rows.Values
                .Where(r => r.Pending && r.PendingSince < before)
                .OrderBy(r => r.PendingSince)
                .Take(limit)
                .Select(r => (new AlertSignal(r.Latest.Event, r.PendingChange, r.PendingOccurrences, r.PendingSince), new AlertDelivery(r.Latest.Source, r.Latest.Fingerprint, r.Version)))];
            return Task.FromResult(pending);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredAlert>> GetAsync(IReadOnlyCollection<(string Source, string Fingerprint)> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_lock)
        {
            IReadOnlyList<StoredAlert> found = [.. keys.Distinct().Select(k => _rows.GetValueOrDefault(k)).OfType<Row>().Select(r => r.Snapshot())];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        var q = AlertQueries.Normalize(query);
        lock (_lock)
        {
            var matching = _rows.Values.Select(r => r.Snapshot()).Where(a => AlertQueries.Matches(q, a))
                .OrderByDescending(a => a.LastSeen).ThenBy(a => a.Source, StringComparer.Ordinal).ThenBy(a => a.Fingerprint, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(new AlertPage([.. matching.Skip(q.Offset).Take(q.Limit)], matching.Count, q.Offset, q.Limit));
        }
    }

    private AlertOutcome Apply(AlertWrite write)
    {
        var n = write.Last;
        var key = (n.Source, n.Fingerprint);
        if (!_rows.TryGetValue(key, out var row))
        {
            row = new Row { Latest = n, FirstSeen = write.FirstReceivedAt, LastSeen = n.ReceivedAt, Notifications = write.Occurrences, Version = 1, LastChange = AlertRules.First(write) };
            row.SetPending(false, row.LastChange, write);
            _rows[key] = row;
            return new AlertOutcome(row.LastChange, true, row.Version);
        }

        var change = AlertRules.Change(row.Latest.Status, row.Latest.StartsAt, write);
        var applied = !AlertRules.IsStale(row.Latest.Status, row.Latest.StartsAt, write);
        if (applied)
        {
            row.Latest = n;
        }

        row.LastSeen = row.LastSeen > n.ReceivedAt ? row.LastSeen : n.ReceivedAt;
        row.Notifications += write.Occurrences;
        row.Version++;
        row.LastChange = change;
        row.SetPending(row.Pending, change, write);
        return new AlertOutcome(change, false, row.Version, applied);
    }

    private void Mark(IReadOnlyCollection<AlertDelivery> delivered)
    {
        foreach (var d in delivered)
        {
            if (_rows.TryGetValue((d.Source, d.Fingerprint), out var row) && row.Pending && row.Version >= d.Version)
            {
                // Written again since the delivered version: that later write is still to be delivered.
                row.Pending = row.Version > d.Version;
                row.PendingOccurrences = row.Pending ? row.PendingOccurrences : 0;
                row.PendingSince = row.Pending ? row.LastSeen : row.PendingSince;
            }
        }
    }

    private sealed class Row
    {
        public required AlertNotification Latest { get; set; }

        public DateTimeOffset FirstSeen { get; init; }

        public DateTimeOffset LastSeen { get; set; }

        public long Notifications { get; set; }

        public long Version { get; set; }

        public AlertChange LastChange { get; set; }

        public bool Pending { get; set; }

        public AlertChange PendingChange { get; set; }

        public int PendingOccurrences { get; set; }

        public DateTimeOffset PendingSince { get; set; }

        public void SetPending(bool wasPending, AlertChange change, AlertWrite write)
        {
            PendingChange = AlertRules.Pending(wasPending, PendingChange, change);
            PendingOccurrences = (wasPending ? PendingOccurrences : 0) + write.Occurrences;
            PendingSince = wasPending ? PendingSince : write.FirstReceivedAt;
            Pending = true;
        }

        public StoredAlert Snapshot() => new(
            Latest.Source, Latest.Fingerprint, Latest.Status, Latest.Labels, Latest.Annotations, Latest.StartsAt, Latest.EndsAt,
            FirstSeen, LastSeen, Notifications, Latest.Event.Id, LastChange, Latest.Event.ResourceId, Pending);
    }
}
