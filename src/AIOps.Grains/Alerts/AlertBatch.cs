using System.Collections.Immutable;
using AIOps.Abstractions.Alerts;

namespace AIOps.Grains.Alerts;

/// <summary>
/// Notifications of concurrent requests stored together. Consecutive notifications of one alert with the same status
/// collapse into one row write; when an alert changes status within the batch, each run goes into the next
/// <see cref="Rounds"/>, so every round writes an alert at most once and the store sees every transition in order.
/// </summary>
public sealed class AlertBatch
{
    private readonly List<List<(AlertWrite Write, int First)>> _rounds = [];

    /// <summary>Plans the writes of <paramref name="notifications"/> (in the order received).</summary>
    public AlertBatch(IReadOnlyList<AlertNotification> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        Notifications = notifications;
        var open = new Dictionary<(string, string), (int Round, int Slot)>();
        for (var i = 0; i < notifications.Count; i++)
        {
            var n = notifications[i];
            var key = (n.Source, n.Fingerprint);
            if (open.TryGetValue(key, out var at))
            {
                var (write, first) = _rounds[at.Round][at.Slot];
                if (write.Last.Status == n.Status)
                {
                    _rounds[at.Round][at.Slot] = (write with { Last = n, Occurrences = write.Occurrences + 1 }, first);
                    continue;
                }
            }

            var round = open.TryGetValue(key, out var previous) ? previous.Round + 1 : 0;
            if (round == _rounds.Count)
            {
                _rounds.Add([]);
            }

            _rounds[round].Add((new AlertWrite(n, 1, n.ReceivedAt), i));
            open[key] = (round, _rounds[round].Count - 1);
        }
    }

    /// <summary>The notifications, in the order received.</summary>
    public IReadOnlyList<AlertNotification> Notifications { get; }

    /// <summary>The row writes, round by round; a store applies the rounds in order.</summary>
    public IReadOnlyList<IReadOnlyList<AlertWrite>> Rounds => [.. _rounds.Select(r => (IReadOnlyList<AlertWrite>)[.. r.Select(w => w.Write)])];

    /// <summary>How many row writes the batch holds.</summary>
    public int Writes => _rounds.Sum(r => r.Count);

    /// <summary>Turns the store's outcomes (one per write, round by round, in <see cref="Rounds"/>' order) into the batch's result.</summary>
    public AlertBatchResult Complete(IReadOnlyList<IReadOnlyList<AlertOutcome>> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count != _rounds.Count || outcomes.Select(o => o.Count).Where((c, r) => c != _rounds[r].Count).Any())
        {
            throw new ArgumentException("One outcome is needed per write of every round.", nameof(outcomes));
        }

        var changes = Enumerable.Repeat(AlertChange.Repeat, Notifications.Count).ToArray();
        var signals = ImmutableArray.CreateBuilder<AlertSignal>(Writes);
        var deliveries = ImmutableArray.CreateBuilder<AlertDelivery>(Writes);
        var inserted = new Dictionary<string, int>(StringComparer.Ordinal);
        var stored = ImmutableArray.CreateBuilder<AlertNotification>(Writes);
        for (var r = 0; r < _rounds.Count; r++)
        {
            for (var w = 0; w < _rounds[r].Count; w++)
            {
                var (write, first) = _rounds[r][w];
                var outcome = outcomes[r][w];
                changes[first] = outcome.Change;
                signals.Add(new AlertSignal(write.Last.Event, outcome.Change, write.Occurrences, write.FirstReceivedAt));
                deliveries.Add(new AlertDelivery(write.Last.Source, write.Last.Fingerprint, outcome.Version));
                if (outcome.Applied)
                {
                    stored.Add(write.Last);
                }

                if (outcome.Inserted)
                {
                    inserted[write.Last.Source] = inserted.GetValueOrDefault(write.Last.Source) + 1;
                }
            }
        }

        return new AlertBatchResult([.. changes], signals.MoveToImmutable(), deliveries.MoveToImmutable(), inserted.ToImmutableDictionary(StringComparer.Ordinal))
        {
            Stored = stored.ToImmutable(),
        };
    }
}
