using System.Collections.Concurrent;
using System.Net;
using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>A silo process on its embedded defaults with a local webhook listener as the runbooks' <c>oncall</c> integration.</summary>
public sealed class RunbookSiloFixture : IAsyncLifetime
{
    private readonly HttpListener _listener = new();
    private Task? _serving;

    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>Requests the webhook received: Idempotency-Key header and body.</summary>
    public ConcurrentQueue<(string? Key, string Body)> Received { get; } = new();

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
        Silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["AIOps__Runbooks__Integrations__oncall__Url"] = $"http://127.0.0.1:{port}/hook",
        });
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _listener.Stop();
        _listener.Close();
        if (_serving is not null)
        {
            await _serving;
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            Received.Enqueue((context.Request.Headers["Idempotency-Key"], await reader.ReadToEndAsync()));
            context.Response.StatusCode = 202;
            context.Response.Close();
        }
    }
}
