namespace AIOps.Grains;

/// <summary>
/// The ids of the last events a consumer applied, stored with the effect they had, so a redelivered event
/// (durable streams deliver at least once) is recognised and skipped.
/// </summary>
[GenerateSerializer, Alias("aiops.recent-event-ids")]
public sealed class RecentEventIds
{
    /// <summary>How many ids are kept at least; redeliveries come soon after the original, not thousands of events later.</summary>
    public const int Capacity = 512;

    [Id(0)] public List<string> Ids { get; set; } = [];

    // An index of Ids, built on first use (after a state read) and kept in step by Add; not stored.
    [NonSerialized]
    private HashSet<string>? _index;
    [NonSerialized]
    private List<string>? _indexedList;
    [NonSerialized]
    private int _indexed = -1;

    /// <summary>Whether the event was applied already.</summary>
    public bool Contains(string eventId) => Index().Contains(eventId);

    /// <summary>Remembers an applied event, forgetting the oldest past <see cref="Capacity"/>.</summary>
    public void Add(string eventId)
    {
        Index().Add(eventId);
        Ids.Add(eventId);
        _indexed = Ids.Count;
        if (Ids.Count > Capacity + (Capacity / 4))
        {
            // Forgotten a quarter at a time, not one by one: the list shifts (and the index is rebuilt) once per Capacity/4 events.
            Ids.RemoveRange(0, Ids.Count - Capacity);
            _index = null;
        }
    }

    private HashSet<string> Index()
    {
        if (_index is null || !ReferenceEquals(_indexedList, Ids) || _indexed != Ids.Count)
        {
            _index = new HashSet<string>(Ids, StringComparer.Ordinal);
            _indexedList = Ids;
            _indexed = Ids.Count;
        }

        return _index;
    }
}
