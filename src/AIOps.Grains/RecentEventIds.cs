namespace AIOps.Grains;

/// <summary>
/// The ids of the last events a consumer applied, stored with the effect they had, so a redelivered event
/// (durable streams deliver at least once) is recognised and skipped.
/// </summary>
[GenerateSerializer, Alias("aiops.recent-event-ids")]
public sealed class RecentEventIds
{
    /// <summary>How many ids are kept; redeliveries come soon after the original, not thousands of events later.</summary>
    public const int Capacity = 512;

    [Id(0)] public List<string> Ids { get; set; } = [];

    /// <summary>Whether the event was applied already.</summary>
    public bool Contains(string eventId) => Ids.Contains(eventId, StringComparer.Ordinal);

    /// <summary>Remembers an applied event, forgetting the oldest past <see cref="Capacity"/>.</summary>
    public void Add(string eventId)
    {
        Ids.Add(eventId);
        if (Ids.Count > Capacity)
        {
            Ids.RemoveRange(0, Ids.Count - Capacity);
        }
    }
}
