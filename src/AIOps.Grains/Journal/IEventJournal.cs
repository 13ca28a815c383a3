namespace AIOps.Grains.Journal;

/// <summary>Append-only store of grain events, one row per event, unique per (grain type, grain id, version).</summary>
public interface IEventJournal
{
    /// <summary>The events of one grain with version greater than <paramref name="afterVersion"/>, in order.</summary>
    Task<IReadOnlyList<JournalRecord>> ReadAsync(string grainType, string grainId, int afterVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends events numbered <paramref name="expectedVersion"/> + 1 onwards, all or nothing.
    /// Returns false, writing nothing, when the stored journal is not at <paramref name="expectedVersion"/>.
    /// </summary>
    Task<bool> AppendAsync(string grainType, string grainId, int expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The ids of the grains of <paramref name="grainType"/> with an event recorded at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<string>> ChangedSinceAsync(string grainType, DateTimeOffset since, CancellationToken cancellationToken = default);
}
