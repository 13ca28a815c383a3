using System.Collections.Concurrent;
using AIOps.Abstractions.Alerts;
using AIOps.Abstractions.Events;

namespace AIOps.Grains.Alerts;

/// <summary>
/// The states this silo has stored, so a notification that repeats one exactly (same source and fingerprint, status,
/// start, labels and annotations) is answered without a write: it is counted here and the counts are stored and
/// handed to the correlator by the next <see cref="Drain"/>, about a second later. Anything else (a new alert, a
/// resolution, a re-fire, changed annotations) takes the committed path.
/// </summary>
/// <remarks>
/// Absorbing is safe against other silos' writes: a stored state only moves forward (a later start, or firing to
/// resolved), and this silo learned its state from one of its own commits, so a notification equal to it is a repeat
/// (or a stale notification, also a repeat) of whatever the store holds now. What a crash can lose is the last
/// second's repeat counts and last-seen times, never an alert or a change.
/// </remarks>
public sealed class AlertRepeats
{
    /// <summary>Most alerts remembered; past it, the least recently learned are forgotten (their repeats take the committed path).</summary>
    public const int Capacity = 100_000;

    // Absorbing (every request) only reads the map and locks one entry; learning and draining (per commit,
    // per second) also take _lock.
    private readonly ConcurrentDictionary<(string Source, string Fingerprint), Entry> _entries = new();
    private readonly Queue<(string Source, string Fingerprint)> _learned = new();
    private readonly List<AlertRepeat> _superseded = [];
    private readonly Lock _lock = new();

    /// <summary>Counts the notification as a repeat when it equals the stored state this silo knows; false when it must be written.</summary>
    public bool TryAbsorb(string source, string fingerprint, AlertStatus status, DateTimeOffset startsAt, ulong content, DateTimeOffset? endsAt, DateTimeOffset receivedAt)
    {
        while (true)
        {
            if (!_entries.TryGetValue((source, fingerprint), out var entry)
                || entry.Status != status || entry.StartsAt != startsAt || entry.Content != content)
            {
                return false;
            }

            lock (entry)
            {
                if (entry.Retired)
                {
                    continue; // Replaced meanwhile: compare with what replaced it.
                }

                if (entry.Repeats == 0)
                {
                    entry.FirstReceivedAt = receivedAt;
                }

                entry.Repeats++;
                entry.LastReceivedAt = receivedAt > entry.LastReceivedAt ? receivedAt : entry.LastReceivedAt;
                entry.EndsAt = endsAt;
                return true;
            }
        }
    }

    /// <summary>Remembers a committed notification whose values are now the stored ones.</summary>
    public void Learn(AlertNotification stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var content = stored.Content ?? AlertContent.Hash(stored.Labels, stored.Annotations);
        var key = (stored.Source, stored.Fingerprint);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.Status == stored.Status && entry.StartsAt == stored.StartsAt && entry.Content == content)
                {
                    return;
                }

                // Repeats of the state this one replaces still count, but they are no longer news for the correlator.
                Retire(entry, toCorrelator: false);
            }
            else
            {
                _learned.Enqueue(key);
                while (_entries.Count >= Capacity && _learned.TryDequeue(out var oldest))
                {
                    if (_entries.TryRemove(oldest, out var forgotten))
                    {
                        Retire(forgotten, toCorrelator: true);
                    }
                }
            }

            _entries[key] = new Entry(stored.Fingerprint, stored.Event, stored.Status, stored.StartsAt, content);
        }
    }

    /// <summary>Takes the repeats counted since the last drain.</summary>
    public IReadOnlyList<AlertRepeat> Drain()
    {
        lock (_lock)
        {
            var taken = new List<AlertRepeat>(_superseded);
            _superseded.Clear();
            foreach (var entry in _entries.Values)
            {
                lock (entry)
                {
                    if (entry.Repeats > 0)
                    {
                        taken.Add(entry.Take(toCorrelator: true));
                    }
                }
            }

            return taken;
        }
    }

    /// <summary>Puts back repeats a drain took but could not store, so the next drain stores them.</summary>
    public void Return(IEnumerable<AlertRepeat> repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        lock (_lock)
        {
            _superseded.AddRange(repeats);
        }
    }

    // Under _lock.
    private void Retire(Entry entry, bool toCorrelator)
    {
        lock (entry)
        {
            entry.Retired = true;
            if (entry.Repeats > 0)
            {
                _superseded.Add(entry.Take(toCorrelator));
            }
        }
    }

    private sealed class Entry(string fingerprint, SystemEvent storedEvent, AlertStatus status, DateTimeOffset startsAt, ulong content)
    {
        public string Fingerprint { get; } = fingerprint;

        public SystemEvent Event { get; } = storedEvent;

        public AlertStatus Status { get; } = status;

        public DateTimeOffset StartsAt { get; } = startsAt;

        public ulong Content { get; } = content;

        public int Repeats { get; set; }

        public bool Retired { get; set; }

        public DateTimeOffset FirstReceivedAt { get; set; }

        public DateTimeOffset LastReceivedAt { get; set; }

        public DateTimeOffset? EndsAt { get; set; }

        public AlertRepeat Take(bool toCorrelator)
        {
            var repeat = new AlertRepeat(Fingerprint, Event, Status, StartsAt, Repeats, FirstReceivedAt, LastReceivedAt, EndsAt, toCorrelator);
            Repeats = 0;
            return repeat;
        }
    }
}

/// <summary>Repeats of one stored alert state counted since the last drain.</summary>
/// <param name="Fingerprint">The alert's fingerprint.</param>
/// <param name="Event">The stored state's event.</param>
/// <param name="Status">The stored status the repeats had.</param>
/// <param name="StartsAt">The stored start the repeats had.</param>
/// <param name="Count">How many notifications.</param>
/// <param name="FirstReceivedAt">When the first was received.</param>
/// <param name="LastReceivedAt">When the last was received.</param>
/// <param name="EndsAt">The last one's end (Prometheus moves a firing alert's end forward with every resend).</param>
/// <param name="ToCorrelator">False for repeats of a state since replaced: stored counts, not news.</param>
public sealed record AlertRepeat(
    string Fingerprint,
    SystemEvent Event,
    AlertStatus Status,
    DateTimeOffset StartsAt,
    int Count,
    DateTimeOffset FirstReceivedAt,
    DateTimeOffset LastReceivedAt,
    DateTimeOffset? EndsAt,
    bool ToCorrelator)
{
    /// <summary>The alert's source.</summary>
    public string Source => Event.Source;
}
