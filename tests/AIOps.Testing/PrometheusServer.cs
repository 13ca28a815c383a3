using System.Globalization;
using System.Text;

namespace AIOps.Testing;

/// <summary>
/// A real Prometheus (the Debian package's <c>prometheus</c> binary) on a free loopback port with a temp TSDB, scraping the
/// given targets; killed and removed on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const string InstallHint =
        "Install it with 'apt-get update && apt-get install -y prometheus', or set AIOPS_PROMETHEUS to the path of the binary.";

    private readonly LoopbackServerProcess _process;

    private PrometheusServer(LoopbackServerProcess process) => _process = process;

    /// <summary>The HTTP API's address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress => _process.BaseAddress;

    /// <summary>Everything Prometheus logged so far.</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Starts Prometheus scraping <paramref name="targets"/> (<c>host:port</c>) every <paramref name="scrapeInterval"/>,
    /// evaluating <paramref name="ruleFiles"/> at the same interval and sending its alerts to <paramref name="alertmanagers"/>.
    /// </summary>
    /// <param name="targets">Scrape targets, <c>host:port</c>.</param>
    /// <param name="scrapeInterval">Scrape and rule evaluation interval (whole seconds, at least 1).</param>
    /// <param name="metricsPath">Path scraped on each target.</param>
    /// <param name="jobName">Prometheus adds it as the <c>job</c> label.</param>
    /// <param name="ruleFiles">Contents of rule files (YAML <c>groups:</c>), written into the server's folder.</param>
    /// <param name="alertmanagers">Alertmanagers (<c>host:port</c>) that receive the alerts, through their API v2.</param>
    public static async Task<PrometheusServer> StartAsync(
        IEnumerable<string> targets, TimeSpan scrapeInterval, string metricsPath = "/metrics", string jobName = "aiops",
        IReadOnlyList<string>? ruleFiles = null, IReadOnlyList<string>? alertmanagers = null)
    {
        var binary = LoopbackServerProcess.Locate(Environment.GetEnvironmentVariable("AIOPS_PROMETHEUS") ?? "prometheus", InstallHint);
        var root = Path.Combine(Path.GetTempPath(), "aiops-prometheus-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var interval = Math.Max(1, (int)scrapeInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        var config = new StringBuilder()
            .Append("global:\n  scrape_interval: ").Append(interval).Append("\n  evaluation_interval: ").Append(interval).Append('\n')
            .Append("scrape_configs:\n  - job_name: ").Append(jobName).Append('\n')
            .Append("    scrape_interval: ").Append(interval).Append("\n    scrape_timeout: ").Append(interval).Append('\n')
            .Append("    metrics_path: '").Append(metricsPath).Append("'\n")
            .Append("    static_configs:\n      - targets: [").AppendJoin(", ", targets.Select(t => $"'{t}'")).Append("]\n");
        var rules = ruleFiles ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var name = $"rules-{i.ToString(CultureInfo.InvariantCulture)}.yml";
            await File.WriteAllTextAsync(Path.Combine(root, name), rules[i]);
            config.Append(i == 0 ? "rule_files:\n" : "").Append("  - '").Append(Path.Combine(root, name)).Append("'\n");
        }

        if (alertmanagers is { Count: > 0 })
        {
            config.Append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [")
                .AppendJoin(", ", alertmanagers.Select(t => $"'{t}'")).Append("]\n");
        }

        var configFile = Path.Combine(root, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, config.ToString());
        var port = FreePort.Next();
        var process = await LoopbackServerProcess.StartAsync(
            binary,
            [
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + Path.Combine(root, "data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--log.level=warn",
            ],
            root,
            port,
            "-/ready");
        return new PrometheusServer(process);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
