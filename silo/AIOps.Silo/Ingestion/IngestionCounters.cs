using System.Collections.Immutable;
using AIOps.Abstractions.Alerts;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// This silo's ingestion counts since the last flush to <see cref="Grains.Alerts.IIngestStatsGrain"/> (see
/// <see cref="IngestionCountersFlusher"/>): accepted notifications per source and change, new alerts, and rejected
/// requests per source and reason. Names are <c>source/counter</c>.
/// </summary>
public sealed class IngestionCounters
{
    /// <summary>Source name used for requests naming a source that is not configured (so junk names cannot grow the counters).</summary>
    public const string UnknownSource = "(unknown)";

    /// <summary>Accepted notifications.</summary>
    public const string Notifications = "notifications";

    /// <summary>Notifications of alerts new to the store.</summary>
    public const string NewAlerts = "alerts";

    /// <summary>Prefix of the rejection counters; the reason follows.</summary>
    public const string RejectedPrefix = "rejected.";

    private readonly Lock _lock = new();
    private Dictionary<string, long> _deltas = new(StringComparer.Ordinal);

    /// <summary>The counter of an accepted change.</summary>
    public static string ChangeCounter(AlertChange change) => change switch
    {
        AlertChange.Firing => "firing",
        AlertChange.Resolved => "resolved",
        _ => "repeats",
    };

    /// <summary>Adds <paramref name="count"/> to <paramref name="source"/>'s <paramref name="counter"/>.</summary>
    public void Add(string source, string counter, long count = 1)
    {
        if (count == 0)
        {
            return;
        }

        var name = source + "/" + counter;
        lock (_lock)
        {
            _deltas[name] = _deltas.GetValueOrDefault(name) + count;
        }
    }

    /// <summary>Counts a rejected request.</summary>
    public void Reject(string source, string reason) => Add(source, RejectedPrefix + reason);

    /// <summary>Counts notifications accepted as repeats without a write.</summary>
    public void Repeated(string source, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (count == 0)
        {
            return;
        }

        lock (_lock)
        {
            Increment(source + "/" + Notifications, count);
            Increment(source + "/" + ChangeCounter(AlertChange.Repeat), count);
        }
    }

    /// <summary>Counts the changes of accepted notifications.</summary>
    public void Accepted(IEnumerable<(string Source, AlertChange Change)> accepted, IReadOnlyDictionary<string, int> newAlerts)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(newAlerts);
        lock (_lock)
        {
            foreach (var (source, change) in accepted)
            {
                Increment(source + "/" + Notifications, 1);
                Increment(source + "/" + ChangeCounter(change), 1);
            }

            foreach (var (source, count) in newAlerts)
            {
                Increment(source + "/" + NewAlerts, count);
            }
        }
    }

    /// <summary>Takes the deltas counted since the last take.</summary>
    public ImmutableDictionary<string, long> Take()
    {
        Dictionary<string, long> taken;
        lock (_lock)
        {
            taken = _deltas;
            _deltas = new(StringComparer.Ordinal);
        }

        return taken.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>Puts back deltas that could not be flushed.</summary>
    public void Restore(ImmutableDictionary<string, long> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        lock (_lock)
        {
            foreach (var (name, count) in deltas)
            {
                Increment(name, count);
            }
        }
    }

    private void Increment(string name, long count) => _deltas[name] = _deltas.GetValueOrDefault(name) + count;
}
