using AIOps.Hosting;
using AIOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AIOps.Benchmarks;

/// <summary>
/// An in-process silo wired like the real one (<see cref="AIOpsStorageExtensions.AddAIOpsStorage"/>), on localhost
/// clustering with free ports; durable when given a connection string. Logs warnings and errors only.
/// </summary>
public sealed class BenchmarkSilo : IAsyncDisposable
{
    /// <summary>Service and cluster id of the benchmark silo (grain state rows carry it).</summary>
    public const string ServiceId = "aiops-bench";

    private readonly IHost _host;

    private BenchmarkSilo(IHost host) => _host = host;

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The silo's grain factory (calls made with it stay in-process).</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a silo; <paramref name="configure"/> may add to the silo builder after the storage wiring.</summary>
    public static async Task<BenchmarkSilo> StartAsync(string? connectionString, Action<ISiloBuilder>? configure, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        // Standard output is the benchmark's table and RESULT line; the silo's own messages go to standard error.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), null, ServiceId, ServiceId);
            silo.AddAIOpsStorage(connectionString);
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new BenchmarkSilo(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Bounded: a silo that cannot shut down cleanly must not keep the benchmark (and its PostgreSQL) alive.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
