namespace AIOps.Abstractions.Live;

/// <summary>The live-feed groups a client can join on the hub (<see cref="HubPath"/>).</summary>
public static class LiveGroups
{
    /// <summary>Path of the SignalR hub.</summary>
    public const string HubPath = "/hubs/live";

    /// <summary>Every incident change.</summary>
    public const string Incidents = "incidents";

    /// <summary>Every agent status change.</summary>
    public const string Agents = "agents";

    /// <summary>Every action change.</summary>
    public const string Actions = "actions";

    /// <summary>Every approval request change.</summary>
    public const string Approvals = "approvals";

    /// <summary>Changes of one incident.</summary>
    public static string Incident(string id) => "incident:" + id;

    /// <summary>Changes of one action.</summary>
    public static string Action(string id) => "action:" + id;

    /// <summary>Whether a client may join <paramref name="group"/>.</summary>
    public static bool IsValid(string? group) =>
        group is Incidents or Agents or Actions or Approvals
        || (group is not null && (group.StartsWith("incident:", StringComparison.Ordinal) || group.StartsWith("action:", StringComparison.Ordinal)) && group.Length is > 9 and < 600);
}
