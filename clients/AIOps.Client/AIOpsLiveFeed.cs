using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AIOps.Client;

/// <summary>
/// The live feed over SignalR: typed events for incidents, agents, actions, approvals and managed resources. It
/// reconnects on its own and joins its groups again after a reconnect. Events are raised on the connection's receive
/// loop: a slow handler delays the events after it (and, if it is slow enough, the server gives up on the
/// connection and the feed reconnects), so hand long work off.
/// </summary>
public sealed class AIOpsLiveFeed : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<string, byte> _groups = new(StringComparer.Ordinal);

    /// <summary>Creates the feed for a silo's base address (e.g. <c>http://localhost:5080</c>).</summary>
    /// <param name="baseAddress">Where the silo's HTTP API is served.</param>
    /// <param name="accessTokenProvider">Supplies a bearer token when the platform requires one.</param>
    public AIOpsLiveFeed(Uri baseAddress, Func<Task<string?>>? accessTokenProvider = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, LiveGroups.HubPath), o => o.AccessTokenProvider = accessTokenProvider)
            .WithAutomaticReconnect()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)))
            .Build();
        _connection.On<Incident>("IncidentChanged", i => IncidentChanged?.Invoke(i));
        _connection.On<AgentStatus>("AgentStatusChanged", s => AgentStatusChanged?.Invoke(s));
        _connection.On<AgentAction>("ActionChanged", a => ActionChanged?.Invoke(a));
        _connection.On<Approval>("ApprovalChanged", a => ApprovalChanged?.Invoke(a));
        _connection.On<ResourceChange[]>("ResourceChanged", changes =>
        {
            foreach (var change in changes)
            {
                ResourceChanged?.Invoke(change);
            }
        });
        _connection.Reconnected += async _ =>
        {
            foreach (var group in _groups.Keys)
            {
                await _connection.InvokeAsync("Subscribe", group);
            }
        };
    }

    /// <summary>An incident was opened or changed.</summary>
    public event Action<Incident>? IncidentChanged;

    /// <summary>An agent's status changed.</summary>
    public event Action<AgentStatus>? AgentStatusChanged;

    /// <summary>An agent action changed.</summary>
    public event Action<AgentAction>? ActionChanged;

    /// <summary>An approval request changed.</summary>
    public event Action<Approval>? ApprovalChanged;

    /// <summary>
    /// A managed resource changed: health, cost per hour, its declaration, or it was deleted
    /// (<see cref="ResourceChange.Deleted"/>). The server sends resources in batches; this is raised once per resource,
    /// oldest change first.
    /// </summary>
    public event Action<ResourceChange>? ResourceChanged;

    /// <summary>Whether the feed is connected, reconnecting or disconnected.</summary>
    public HubConnectionState State => _connection.State;

    /// <summary>Connects.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _connection.StartAsync(cancellationToken);

    /// <summary>Joins a group (<see cref="LiveGroups"/>); it is joined again after every reconnect.</summary>
    public async Task SubscribeAsync(string group, CancellationToken cancellationToken = default)
    {
        await _connection.InvokeAsync("Subscribe", group, cancellationToken);
        _groups[group] = 0;
    }

    /// <summary>Follows every managed resource (<see cref="LiveGroups.Resources"/>): <see cref="ResourceChanged"/> for each change.</summary>
    public Task SubscribeToResourcesAsync(CancellationToken cancellationToken = default) => SubscribeAsync(LiveGroups.Resources, cancellationToken);

    /// <summary>Follows one managed resource (<see cref="LiveGroups.Resource"/>).</summary>
    /// <param name="resourceId">The resource id, e.g. <c>aws:ec2:eu-west-1:i-0abc</c>.</param>
    /// <param name="cancellationToken">Cancels the subscription request.</param>
    public Task SubscribeToResourceAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        return SubscribeAsync(LiveGroups.Resource(resourceId), cancellationToken);
    }

    /// <summary>
    /// Follows approval requests (<see cref="LiveGroups.Approvals"/>): <see cref="ApprovalChanged"/> for every request,
    /// escalation, decision and expiry. An approver can act on each pending request they did not ask for themselves.
    /// </summary>
    public Task SubscribeToApprovalsAsync(CancellationToken cancellationToken = default) => SubscribeAsync(LiveGroups.Approvals, cancellationToken);

    /// <summary>Leaves a group.</summary>
    public async Task UnsubscribeAsync(string group, CancellationToken cancellationToken = default)
    {
        _groups.TryRemove(group, out _);
        await _connection.InvokeAsync("Unsubscribe", group, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
