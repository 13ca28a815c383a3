using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AIOps.Abstractions.Live;

namespace AIOps.Benchmarks.LiveFeed;

/// <summary>
/// Live-hub clients that speak the SignalR JSON protocol directly over a WebSocket (handshake, <c>Subscribe</c>,
/// pings), as a browser's or any language's client does, and read only the <c>at</c> of each change with
/// <see cref="Utf8JsonReader"/>. The .NET <c>HubConnection</c> costs about 80 µs of CPU per message; with 1,000 of
/// them on the same two cores as the silo, the load generator rather than the silo sets the delays. These clients
/// cost a few microseconds per message, so the figures are the silo's.
/// </summary>
internal sealed class RawLiveFeedClients : ILiveFeedClients, IDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private readonly List<ClientWebSocket> _sockets = [];
    private readonly List<Task> _loops = [];
    private readonly long[] _updates;
    private readonly long[] _messages;
    private readonly CancellationTokenSource _stop = new();
    private DateTimeOffset _from = DateTimeOffset.MaxValue;
    private DateTimeOffset _to = DateTimeOffset.MaxValue;
    private Task _pings = Task.CompletedTask;

    private RawLiveFeedClients(int count)
    {
        _updates = new long[count];
        _messages = new long[count];
    }

    public DelayHistogram Delays { get; } = new();

    public TimeSpan ConnectTime { get; private set; }

    public long Updates => _updates.Sum();

    public long Messages => _messages.Sum();

    public long FewestUpdates => _updates.Min();

    public int Connected => _sockets.Count(s => s.State == WebSocketState.Open);

    public static async Task<RawLiveFeedClients> ConnectAsync(Uri baseAddress, Func<Task<string?>> accessToken, int count, int concurrency, CancellationToken cancellationToken)
    {
        var clients = new RawLiveFeedClients(count);
        var watch = Stopwatch.StartNew();
        var token = await accessToken();
        var uri = new UriBuilder(new Uri(baseAddress, LiveGroups.HubPath)) { Scheme = "ws", Query = "access_token=" + Uri.EscapeDataString(token ?? "") }.Uri;
        var sockets = new ClientWebSocket[count];
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var socket = new ClientWebSocket();
            socket.Options.HttpVersion = HttpVersion.Version11;
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket.ConnectAsync(uri, ct);
            await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, ct);
            await socket.SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"{LiveGroups.Resources}\"]}}\u001e"), WebSocketMessageType.Text, true, ct);
            sockets[i] = socket;
        });
        clients._sockets.AddRange(sockets);
        for (var i = 0; i < count; i++)
        {
            var index = i;
            clients._loops.Add(Task.Run(() => clients.ReceiveLoopAsync(index, sockets[index]), CancellationToken.None));
        }

        clients._pings = clients.PingLoopAsync();
        clients.ConnectTime = watch.Elapsed;
        return clients;
    }

    public void SetWindow(DateTimeOffset from, DateTimeOffset to) => (_from, _to) = (from, to);

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        foreach (var socket in _sockets)
        {
            socket.Abort();
            socket.Dispose();
        }

        await Task.WhenAll(_loops.Append(_pings).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    public void Dispose() => _stop.Dispose();

    /// <summary>The server drops a client it has not heard from in 30 s: every client pings every 10 s.</summary>
    private async Task PingLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                foreach (var socket in _sockets.Where(s => s.State == WebSocketState.Open))
                {
                    await socket.SendAsync(Ping, WebSocketMessageType.Text, true, _stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReceiveLoopAsync(int client, ClientWebSocket socket)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                buffer.Advance(result.Count);
                var consumed = Consume(client, buffer.WrittenSpan);
                if (consumed > 0)
                {
                    var rest = buffer.WrittenSpan[consumed..].ToArray();
                    buffer.Clear();
                    buffer.Write(rest);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Handles every complete message in <paramref name="data"/>; returns the bytes used.</summary>
    private int Consume(int client, ReadOnlySpan<byte> data)
    {
        var used = 0;
        int end;
        while ((end = data[used..].IndexOf(RecordSeparator)) >= 0)
        {
            Handle(client, data.Slice(used, end));
            used += end + 1;
        }

        return used;
    }

    private void Handle(int client, ReadOnlySpan<byte> message)
    {
        if (message.IndexOf("\"ResourceChanged\""u8) < 0)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var inWindow = 0;
        var reader = new Utf8JsonReader(message);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("at"u8) && reader.Read())
            {
                var at = reader.GetDateTimeOffset();
                if (at >= _from && at < _to)
                {
                    inWindow++;
                    Delays.Add(now - at);
                }
            }
        }

        if (inWindow > 0)
        {
            _updates[client] += inWindow;
            _messages[client]++;
        }
    }
}
