namespace AIOps.Grains.Alerts;

/// <summary>One row's share of a drain of <see cref="AlertRepeats"/>: its repeats summed, in lock order.</summary>
internal sealed record AlertRepeatRow(string Source, string Fingerprint, AlertStatus Status, DateTimeOffset StartsAt, int Count, DateTimeOffset LastSeen, DateTimeOffset? EndsAt)
{
    /// <summary>Sums the repeats per row (the later of two for one row gives the state), sorted by source and fingerprint.</summary>
    public static List<AlertRepeatRow> Merge(IEnumerable<AlertRepeat> repeats)
    {
        var rows = new Dictionary<(string, string), AlertRepeatRow>();
        foreach (var r in repeats)
        {
            var key = (r.Source, r.Fingerprint);
            rows[key] = rows.TryGetValue(key, out var earlier)
                ? new AlertRepeatRow(r.Source, r.Fingerprint, r.Status, r.StartsAt, earlier.Count + r.Count, r.LastReceivedAt > earlier.LastSeen ? r.LastReceivedAt : earlier.LastSeen, r.EndsAt)
                : new AlertRepeatRow(r.Source, r.Fingerprint, r.Status, r.StartsAt, r.Count, r.LastReceivedAt, r.EndsAt);
        }

        return [.. rows.Values.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Fingerprint, StringComparer.Ordinal)];
    }
}
