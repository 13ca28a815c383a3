using System.Net;
using AIOps.Estate.Metrics;
using AIOps.Metrics.Prometheus;
using AIOps.Testing;

namespace AIOps.Metrics.Tests;

/// <summary>A loopback HTTP server answering <c>GET /metrics</c> with the exposition of whatever samples it holds now.</summary>
internal sealed class ExpositionEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private volatile IReadOnlyList<MetricSample> _samples = [];

    public ExpositionEndpoint()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public int Scrapes { get; private set; }

    public void Publish(IReadOnlyList<MetricSample> samples) => _samples = samples;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (ObjectDisposedException)
        {
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
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            if (context.Request.Url?.AbsolutePath != "/metrics")
            {
                response.StatusCode = 404;
                continue;
            }

            var body = new StringWriter();
            PrometheusExposition.Write(body, _samples, metric => $"Test metric {metric}.");
            var bytes = System.Text.Encoding.UTF8.GetBytes(body.ToString());
            response.ContentType = PrometheusExposition.ContentType;
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            Scrapes++;
        }
    }
}
