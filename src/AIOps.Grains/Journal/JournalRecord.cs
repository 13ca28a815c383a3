namespace AIOps.Grains.Journal;

/// <summary>One stored event of an event-sourced grain: row <c>(grain type, grain id, version)</c> of the journal.</summary>
public sealed record JournalRecord(int Version, string EventType, string Payload, DateTimeOffset RecordedAt);
