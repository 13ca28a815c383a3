namespace AIOps.Abstractions;

/// <summary>Names of the storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Grain state storage for resources, agents and indexes.</summary>
    public const string Grains = "aiops";

    /// <summary>The stream pub-sub store Orleans requires under exactly this name.</summary>
    public const string PubSub = "PubSubStore";

    /// <summary>The log-consistency provider of the event-sourced grains (the project's own PostgreSQL event journal).</summary>
    public const string Journal = "journal";
}
