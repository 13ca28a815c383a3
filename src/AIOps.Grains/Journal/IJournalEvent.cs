namespace AIOps.Grains.Journal;

/// <summary>What every journal event carries: who caused it and when.</summary>
public interface IJournalEvent
{
    /// <summary>User, agent or system component that caused the event.</summary>
    string Actor { get; }

    /// <summary>When it happened.</summary>
    DateTimeOffset At { get; }
}
