using System.Collections.Concurrent;

namespace AIOps.Grains.Journal;

/// <summary>The embedded-mode journal: process memory, gone with the process.</summary>
public sealed class InMemoryEventJournal : IEventJournal
{
    private readonly ConcurrentDictionary<(string Type, string Id), List<JournalRecord>> _streams = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ChangedSinceAsync(string grainType, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        foreach (var ((type, id), list) in _streams)
        {
            if (type != grainType)
            {
                continue;
            }

            lock (list)
            {
                if (list.Count > 0 && list[^1].RecordedAt >= since)
                {
                    ids.Add(id);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ReadAsync(string grainType, string grainId, int afterVersion, CancellationToken cancellationToken = default)
    {
        if (!_streams.TryGetValue((grainType, grainId), out var list))
        {
            return Task.FromResult<IReadOnlyList<JournalRecord>>([]);
        }

        lock (list)
        {
            return Task.FromResult<IReadOnlyList<JournalRecord>>(list.Where(r => r.Version > afterVersion).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<bool> AppendAsync(string grainType, string grainId, int expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default)
    {
        var list = _streams.GetOrAdd((grainType, grainId), _ => []);
        lock (list)
        {
            if (list.Count != expectedVersion)
            {
                return Task.FromResult(false);
            }

            for (var i = 0; i < records.Count; i++)
            {
                if (records[i].Version != expectedVersion + i + 1)
                {
                    throw new ArgumentException("Journal records must be numbered consecutively after the expected version.", nameof(records));
                }
            }

            list.AddRange(records);
            return Task.FromResult(true);
        }
    }
}
