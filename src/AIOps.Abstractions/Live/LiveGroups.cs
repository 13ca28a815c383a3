namespace AIOps.Abstractions.Live;

/// <summary>
/// The live-feed groups a client can join on the hub (<see cref="HubPath"/>). A client in both an "all" group and an
/// entity's own group receives that entity's changes twice: join one or the other.
/// </summary>
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

    /// <summary>
    /// Every approval request change: new requests, escalations, decisions and expiries. These are the requests an
    /// approver can act on: anyone with the approver or admin role may decide any pending request except one they
    /// requested themselves (four eyes), so the approvals inbox is this group filtered to pending requests whose
    /// <c>requestedBy</c> is not the user.
    /// </summary>
    public const string Approvals = "approvals";

    /// <summary>Every managed resource change: health, cost per hour, declaration, deletion.</summary>
    public const string Resources = "resources";

    private const string IncidentPrefix = "incident:";
    private const string ActionPrefix = "action:";
    private const string ResourcePrefix = "resource:";
    private const int MaxLength = 600;

    /// <summary>Changes of one incident.</summary>
    public static string Incident(string id) => IncidentPrefix + id;

    /// <summary>Changes of one action.</summary>
    public static string Action(string id) => ActionPrefix + id;

    /// <summary>Changes of one managed resource.</summary>
    public static string Resource(string id) => ResourcePrefix + id;

    /// <summary>Whether a client may join <paramref name="group"/>.</summary>
    public static bool IsValid(string? group) =>
        group is Incidents or Agents or Actions or Approvals or Resources
        || (group is { Length: < MaxLength }
            && (HasId(group, IncidentPrefix) || HasId(group, ActionPrefix) || HasId(group, ResourcePrefix)));

    private static bool HasId(string group, string prefix) => group.Length > prefix.Length && group.StartsWith(prefix, StringComparison.Ordinal);
}
