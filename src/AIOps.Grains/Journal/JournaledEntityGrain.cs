using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using AIOps.Abstractions.Incidents;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;

namespace AIOps.Grains.Journal;

/// <summary>
/// An event-sourced grain whose events are rows of the project's journal (<see cref="IEventJournal"/>), not one
/// growing blob: the state is the replay of the rows, and the rows are the entity's timeline.
/// </summary>
/// <typeparam name="TState">Mutable view the events are applied to.</typeparam>
/// <typeparam name="TEvent">Base of the events; a <see cref="JsonPolymorphicAttribute"/> hierarchy.</typeparam>
public abstract class JournaledEntityGrain<TState, TEvent>(IEventJournal journal)
    : JournaledGrain<TState, TEvent>, ICustomStorageInterface<TState, TEvent>
    where TState : class, new()
    where TEvent : class, IJournalEvent
{
    private static readonly ConcurrentDictionary<Type, string> Discriminators = new();

    /// <summary>The grain-type column of the journal, e.g. <c>incident</c>.</summary>
    protected abstract string JournalType { get; }

    /// <inheritdoc />
    public async Task<KeyValuePair<int, TState>> ReadStateFromStorage()
    {
        var records = await journal.ReadAsync(JournalType, this.GetPrimaryKeyString(), 0);
        var state = new TState();
        foreach (var record in records)
        {
            TransitionState(state, Deserialize(record));
        }

        return new KeyValuePair<int, TState>(records.Count, state);
    }

    /// <inheritdoc />
    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<TEvent> updates, int expectedVersion)
    {
        var records = new JournalRecord[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            var e = updates[i];
            records[i] = new JournalRecord(expectedVersion + i + 1, DiscriminatorOf(e.GetType()), JsonSerializer.Serialize(e, JournalJson.Options), e.At);
        }

        return journal.AppendAsync(JournalType, this.GetPrimaryKeyString(), expectedVersion, records);
    }

    /// <summary>The journal read back as a timeline, oldest first.</summary>
    protected async Task<IReadOnlyList<TimelineEntry>> ReadTimelineAsync()
    {
        var records = await journal.ReadAsync(JournalType, this.GetPrimaryKeyString(), 0);
        return records.Select(r =>
        {
            var e = Deserialize(r);
            return new TimelineEntry(r.Version, r.EventType, e.Actor, Describe(e), r.RecordedAt);
        }).ToArray();
    }

    /// <summary>Raises one event and waits until the journal has stored it.</summary>
    protected async Task RaiseAndConfirmAsync(TEvent e)
    {
        RaiseEvent(e);
        await ConfirmEvents();
    }

    /// <summary>One sentence for the timeline.</summary>
    protected abstract string Describe(TEvent e);

    private static TEvent Deserialize(JournalRecord record) =>
        JsonSerializer.Deserialize<TEvent>(record.Payload, JournalJson.Options)
        ?? throw new InvalidOperationException($"Journal row version {record.Version} holds no event.");

    private static string DiscriminatorOf(Type type) => Discriminators.GetOrAdd(type, t =>
        typeof(TEvent).GetCustomAttributes<JsonDerivedTypeAttribute>()
            .FirstOrDefault(a => a.DerivedType == t)?.TypeDiscriminator as string
        ?? throw new InvalidOperationException($"{t.Name} is not a registered {typeof(TEvent).Name}."));
}
