using System.Runtime;
using AIOps.Client;
using AIOps.Hosting;
using AIOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace AIOps.Benchmarks.LiveFeed;

/// <summary>
/// <c>livefeed</c>: the real path from a grain's state change to SignalR clients. Starts the silo as its own process
/// (embedded mode: what <c>dotnet run --project silo/AIOps.Silo</c> runs), connects the clients to its hub, changes
/// resource grains through the grain client at a set rate, and measures at every client the delay from the grain's
/// change time (<c>ResourceChange.At</c>) to receipt. Clients, driver and silo share this machine and its clock.
/// Target: p99 at most 100 ms with 1,000 clients at 1,000 changes/s.
/// </summary>
public sealed class LiveFeedBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "livefeed";

    /// <inheritdoc />
    public string Usage => LiveFeedOptions.Usage;

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchmarkArgs args, CancellationToken cancellationToken)
    {
        var options = LiveFeedOptions.From(args);
        var wanted = (ulong)(options.Clients * 2 + 1_000);
        var (soft, hard) = OpenFileLimit.Raise(wanted);
        Console.WriteLine(
            $"livefeed: {options.Clients} clients, {options.Rate} changes/s over {options.Resources} resources, {options.WarmUpSeconds} s warm-up + {options.DurationSeconds} s measured, {options.Client} clients ({options.Protocol}); " +
            $"{Environment.ProcessorCount} CPUs, {(GCSettings.IsServerGC ? "server" : "workstation")} GC here; open-file limit {soft} (hard {hard})");
        if (soft < wanted)
        {
            await Console.Error.WriteLineAsync($"livefeed: the open-file limit {soft} is below the {wanted} needed; raise it (ulimit -n {wanted}) and run again.");
            return 1;
        }

        await using var silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["Simulation__Enabled"] = "false" });
        var baseAddress = silo.Http.BaseAddress!;
        using var host = await StartGrainClientAsync(silo.GatewayPort, cancellationToken);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var driver = new ResourceDriver(grains, options.Resources);
        await driver.CreateAsync(cancellationToken);
        Console.WriteLine($"silo started (process, embedded mode, HTTP port {silo.HttpPort}); {options.Resources} resources created");

        await using ILiveFeedClients clients = options.Client == "raw"
            ? await RawLiveFeedClients.ConnectAsync(baseAddress, LiveHubConnections.AccessToken(silo), options.Clients, options.ConnectConcurrency, cancellationToken)
            : await LiveFeedClients.ConnectAsync(baseAddress, LiveHubConnections.AccessToken(silo), options.Protocol == "messagepack", options.Clients, options.ConnectConcurrency, cancellationToken);
        Console.WriteLine($"{clients.Connected} clients connected and subscribed in {clients.ConnectTime.TotalSeconds:0.0} s");

        var from = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(options.WarmUpSeconds);
        var to = from + TimeSpan.FromSeconds(options.DurationSeconds);
        clients.SetWindow(from, to);
        var cpu = MeasureCpuAsync(silo, from, to, cancellationToken);
        var driven = await driver.RunAsync(options.Rate, to - DateTimeOffset.UtcNow, from, to, cancellationToken);
        var (siloCpu, ownCpu) = await cpu;
        await WaitForTailAsync(clients, cancellationToken);

        var seconds = options.DurationSeconds;
        var expected = driver.ChangesInWindow * options.Clients;
        var perClient = clients.Updates / (double)options.Clients / seconds;
        var p99 = clients.Delays.Percentile(0.99);
        new ResultTable("clients", "target/s", "driven/s", "updates/s per client", "updates/s total", "messages/s total", "p50 ms", "p95 ms", "p99 ms", "max ms", "lost", "failed changes")
            .Add(
                options.Clients.ToString(System.Globalization.CultureInfo.InvariantCulture),
                options.Rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ResultLine.Number(driven),
                ResultLine.Number(perClient),
                ResultLine.Number(clients.Updates / (double)seconds, 0),
                ResultLine.Number(clients.Messages / (double)seconds, 0),
                ResultLine.Number(clients.Delays.Percentile(0.50)),
                ResultLine.Number(clients.Delays.Percentile(0.95)),
                ResultLine.Number(p99),
                ResultLine.Number(clients.Delays.MaxMs),
                (expected - clients.Updates).ToString(System.Globalization.CultureInfo.InvariantCulture),
                driver.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Print();
        Console.WriteLine(
            $"{driver.ChangesInWindow} changes in the window; each client should receive all of them (lost = expected {expected} - received {clients.Updates}; " +
            $"fewest at one client {clients.FewestUpdates}); {clients.Connected} of {options.Clients} clients still connected");
        Console.WriteLine(
            $"CPU in the window: silo {ResultLine.Number(siloCpu.TotalSeconds / seconds, 2)} cores, clients and driver {ResultLine.Number(ownCpu.Process.TotalSeconds / seconds, 2)} cores, " +
            $"whole machine {(ownCpu.MachineBusy is { } busy ? ResultLine.Number(busy.TotalSeconds / seconds, 2) : "?")} of {Environment.ProcessorCount} cores busy");
        foreach (var line in silo.Output.Split('\n').Where(l => l.Contains("Live feed falling behind", StringComparison.Ordinal)))
        {
            Console.WriteLine("silo: " + line.Trim());
        }

        await clients.DisposeAsync();
        await host.StopAsync(CancellationToken.None);
        await silo.StopAsync();
        ResultLine.Write(
            Name,
            ("clients", options.Clients.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("updates_per_s", ResultLine.Number(perClient)),
            ("p99_ms", ResultLine.Number(p99)));
        return 0;
    }

    private static async Task<IHost> StartGrainClientAsync(int gatewayPort, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.AddAIOpsClient(o => o.Gateways.Add($"127.0.0.1:{gatewayPort}"));

        // This process also loads the grain assemblies (through AIOps.Hosting), so the client sees every grain interface.
        builder.Services.AddSerializer(s => s.AddAIOpsJsonTypes());
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static async Task<(TimeSpan Silo, CpuSample Own)> MeasureCpuAsync(SiloProcess silo, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await Task.Delay(from - DateTimeOffset.UtcNow, cancellationToken);
        var (siloStart, ownStart) = (silo.ProcessorTime, CpuSample.Now());
        await Task.Delay(to - DateTimeOffset.UtcNow, cancellationToken);
        return (silo.ProcessorTime - siloStart, CpuSample.Now().Since(ownStart));
    }

    // Changes made at the end of the window are still on their way; wait until deliveries stop (at most 10 s).
    private static async Task WaitForTailAsync(ILiveFeedClients clients, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var last = -1L;
        while (DateTime.UtcNow < deadline && clients.Updates != last)
        {
            last = clients.Updates;
            await Task.Delay(500, cancellationToken);
        }
    }
}
