using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AIOps.Abstractions.Live;

namespace AIOps.Silo.Tests;

/// <summary>
/// A live-hub client that joins a group and then never reads again, like a dashboard tab frozen by the browser or a
/// script stuck in a handler: a raw WebSocket speaking the SignalR JSON protocol, with a 4 KB socket receive buffer
/// so the server's writes back up quickly. It keeps sending pings, so the server does not drop it as silent.
/// </summary>
internal sealed class StalledHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker _invoker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pings;

    private StalledHubClient(ClientWebSocket socket, HttpMessageInvoker invoker)
    {
        _socket = socket;
        _invoker = invoker;
        _pings = PingAsync();
    }

    /// <summary>Connects, completes the handshake, joins <paramref name="group"/>, and from then on reads nothing.</summary>
    public static async Task<StalledHubClient> ConnectAsync(Uri baseAddress, Func<Task<string?>>? accessTokenProvider, string group)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var invoker = new HttpMessageInvoker(handler);
        var token = accessTokenProvider is null ? null : await accessTokenProvider();
        var uri = new UriBuilder(new Uri(baseAddress, LiveGroups.HubPath)) { Scheme = "ws" };
        if (token is not null)
        {
            uri.Query = "access_token=" + Uri.EscapeDataString(token);
        }

        var ws = new ClientWebSocket();
        ws.Options.HttpVersion = HttpVersion.Version11;
        await ws.ConnectAsync(uri.Uri, invoker, CancellationToken.None);
        await SendAsync(ws, """{"protocol":"json","version":1}""");
        await ReadUntilAsync(ws, m => m == "{}");
        await SendAsync(ws, $$"""{"type":1,"invocationId":"1","target":"Subscribe","arguments":["{{group}}"]}""");
        await ReadUntilAsync(ws, m => m.Contains("\"type\":3", StringComparison.Ordinal) && !m.Contains("\"error\"", StringComparison.Ordinal));
        return new StalledHubClient(ws, invoker);
    }

    /// <summary>Reads again, discarding messages, until the server closes the connection; false if it is still open after <paramref name="within"/>.</summary>
    public async Task<bool> DrainUntilClosedAsync(TimeSpan within)
    {
        await _stop.CancelAsync();
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (WebSocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pings;
        _socket.Abort();
        _socket.Dispose();
        _invoker.Dispose();
        _stop.Dispose();
    }

    private static Task SendAsync(ClientWebSocket ws, string message, CancellationToken cancellationToken = default) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static async Task ReadUntilAsync(ClientWebSocket ws, Func<string, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer, timeout.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            var records = text.ToString().Split(RecordSeparator);
            if (records[..^1].Any(r => done(JsonDocument.Parse(r).RootElement.GetRawText())))
            {
                return;
            }
        }
    }

    private async Task PingAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token);
                await SendAsync(_socket, """{"type":6}""", _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // stopped, or the server gave up on us
        }
    }
}
