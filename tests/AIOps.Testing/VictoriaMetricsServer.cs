using System.Globalization;

namespace AIOps.Testing;

/// <summary>
/// A real single-node VictoriaMetrics (the Debian package's <c>victoria-metrics</c> binary) on a free loopback port with a
/// temp storage folder; it accepts InfluxDB line protocol on <c>/api/v2/write</c> and serves the Prometheus query API and
/// <c>/api/v1/export</c>. Killed and removed on dispose.
/// </summary>
public sealed class VictoriaMetricsServer : IAsyncDisposable
{
    private const string InstallHint =
        "Install it with 'apt-get update && apt-get install -y victoria-metrics', or set AIOPS_VICTORIA_METRICS to the path of the binary.";

    private readonly LoopbackServerProcess _process;

    private VictoriaMetricsServer(LoopbackServerProcess process) => _process = process;

    /// <summary>The HTTP address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress => _process.BaseAddress;

    /// <summary>Everything VictoriaMetrics logged so far.</summary>
    public string Output => _process.Output;

    /// <summary>Starts VictoriaMetrics; returns once <c>/health</c> answers.</summary>
    /// <param name="extraArguments">More flags, e.g. <c>-influxSkipSingleField</c>.</param>
    public static async Task<VictoriaMetricsServer> StartAsync(IEnumerable<string>? extraArguments = null)
    {
        var binary = LoopbackServerProcess.Locate(Environment.GetEnvironmentVariable("AIOPS_VICTORIA_METRICS") ?? "victoria-metrics", InstallHint);
        var root = Path.Combine(Path.GetTempPath(), "aiops-vm-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var port = FreePort.Next();
        var process = await LoopbackServerProcess.StartAsync(
            binary,
            [
                "-httpListenAddr=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "-storageDataPath=" + Path.Combine(root, "data"),
                "-retentionPeriod=1y",
                "-loggerLevel=WARN",
                .. extraArguments ?? [],
            ],
            root,
            port,
            "health");
        return new VictoriaMetricsServer(process);
    }

    /// <summary>Makes everything written so far visible to queries and exports (VictoriaMetrics buffers for about a second otherwise).</summary>
    public async Task ForceFlushAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri(BaseAddress, "internal/force_flush"));
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
