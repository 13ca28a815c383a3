using System.Diagnostics;
using System.Text.Json;
using AIOps.Abstractions.Live;
using AIOps.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace AIOps.Benchmarks.LiveFeed;

/// <summary>
/// The SignalR clients: each is a <see cref="HubConnection"/> in the <c>resources</c> group that records, for every
/// resource change it receives whose time falls in the measured window, the delay from that time (the grain's clock
/// at the change) to receipt. Payloads are read as <see cref="JsonElement"/> (only <c>at</c> is looked at) so the
/// clients, which share the machine with the silo, spend as little of it as a client can.
/// </summary>
internal sealed class LiveFeedClients : ILiveFeedClients
{
    private readonly List<HubConnection> _connections = [];
    private readonly long[] _updates;
    private readonly long[] _messages;
    private DateTimeOffset _from = DateTimeOffset.MaxValue;
    private DateTimeOffset _to = DateTimeOffset.MaxValue;

    private LiveFeedClients(int count)
    {
        _updates = new long[count];
        _messages = new long[count];
    }

    public DelayHistogram Delays { get; } = new();

    public TimeSpan ConnectTime { get; private set; }

    /// <summary>Updates received within the window, all clients together.</summary>
    public long Updates => _updates.Sum();

    /// <summary>Hub messages (each a batch of resource changes) received within the window, all clients together.</summary>
    public long Messages => _messages.Sum();

    /// <summary>Fewest updates any one client received within the window.</summary>
    public long FewestUpdates => _updates.Min();

    public int Connected => _connections.Count(c => c.State == HubConnectionState.Connected);

    public static async Task<LiveFeedClients> ConnectAsync(Uri baseAddress, Func<Task<string?>> accessToken, bool messagePack, int count, int concurrency, CancellationToken cancellationToken)
    {
        var clients = new LiveFeedClients(count);
        var watch = Stopwatch.StartNew();
        var connections = new HubConnection[count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var connection = LiveHubConnections.Create(baseAddress, accessToken, messagePack: messagePack);
                connections[i] = connection;
                if (messagePack)
                {
                    connection.On<ResourceChange[]>("ResourceChanged", changes => clients.Receive(i, changes));
                }
                else
                {
                    connection.On<JsonElement>("ResourceChanged", changes => clients.Receive(i, changes));
                }
                await connection.StartAsync(ct);
                await connection.InvokeAsync("Subscribe", LiveGroups.Resources, ct);
            });
        }
        finally
        {
            clients._connections.AddRange(connections.Where(c => c is not null));
        }

        clients.ConnectTime = watch.Elapsed;
        return clients;
    }

    /// <summary>Counts changes made from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public void SetWindow(DateTimeOffset from, DateTimeOffset to) => (_from, _to) = (from, to);

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_connections, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (c, _) => await c.DisposeAsync());
    }

    private void Receive(int client, JsonElement changes)
    {
        var now = DateTimeOffset.UtcNow;
        var inWindow = 0;
        foreach (var change in changes.EnumerateArray())
        {
            inWindow += Record(now, change.GetProperty("at").GetDateTimeOffset());
        }

        Count(client, inWindow);
    }

    private void Receive(int client, ResourceChange[] changes)
    {
        var now = DateTimeOffset.UtcNow;
        var inWindow = 0;
        foreach (var change in changes)
        {
            inWindow += Record(now, change.At);
        }

        Count(client, inWindow);
    }

    private int Record(DateTimeOffset now, DateTimeOffset at)
    {
        if (at < _from || at >= _to)
        {
            return 0;
        }

        Delays.Add(now - at);
        return 1;
    }

    private void Count(int client, int inWindow)
    {
        if (inWindow > 0)
        {
            // One connection's handlers run one at a time, so its own counters need no interlock.
            _updates[client] += inWindow;
            _messages[client]++;
        }
    }
}
