using System.Globalization;
using System.Text;

namespace AIOps.Testing;

/// <summary>
/// A real Alertmanager (the Debian package's <c>prometheus-alertmanager</c> binary) on a free loopback port with its
/// own storage folder and a generated configuration: one route to one receiver, a webhook to <c>webhookUrl</c> with
/// a bearer token when given (a receiver that drops everything otherwise), short group timings for tests. Gossip
/// clustering is off. Killed and removed on dispose.
/// </summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    private const string InstallHint =
        "Install it with 'apt-get update && apt-get install -y prometheus-alertmanager', or set AIOPS_ALERTMANAGER to the path of the binary.";

    private readonly LoopbackServerProcess _process;

    private AlertmanagerServer(LoopbackServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The HTTP address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress => _process.BaseAddress;

    /// <summary>The port it listens on (<c>127.0.0.1:Port</c> is what Prometheus' <c>alertmanagers</c> targets name).</summary>
    public int Port { get; }

    /// <summary>Everything Alertmanager logged so far.</summary>
    public string Output => _process.Output;

    /// <summary>Starts Alertmanager.</summary>
    /// <param name="webhookUrl">Where the receiver posts its webhook (version 4 payload); null for a receiver that drops every notification.</param>
    /// <param name="bearerToken">Sent as <c>Authorization: Bearer</c> with each webhook (<c>http_config.authorization</c>).</param>
    /// <param name="groupWait">How long a new group waits before its first notification.</param>
    /// <param name="groupInterval">How long before a changed group notifies again.</param>
    /// <param name="groupBy">Labels that group alerts into one notification; <c>...</c> makes every alert its own group.</param>
    public static async Task<AlertmanagerServer> StartAsync(
        Uri? webhookUrl = null, string? bearerToken = null, TimeSpan? groupWait = null, TimeSpan? groupInterval = null, IReadOnlyList<string>? groupBy = null)
    {
        var binary = LoopbackServerProcess.Locate(Environment.GetEnvironmentVariable("AIOPS_ALERTMANAGER") ?? "prometheus-alertmanager", InstallHint);
        var root = Path.Combine(Path.GetTempPath(), "aiops-alertmanager-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var config = new StringBuilder()
            .Append("route:\n  receiver: aiops\n  group_by: [").AppendJoin(", ", (groupBy ?? ["alertname"]).Select(l => $"'{l}'")).Append("]\n")
            .Append("  group_wait: ").Append(Duration(groupWait ?? TimeSpan.FromSeconds(1))).Append('\n')
            .Append("  group_interval: ").Append(Duration(groupInterval ?? TimeSpan.FromSeconds(1))).Append('\n')
            .Append("  repeat_interval: 1h\n")
            .Append("receivers:\n  - name: aiops\n");
        if (webhookUrl is not null)
        {
            config.Append("    webhook_configs:\n      - url: '").Append(webhookUrl).Append("'\n        send_resolved: true\n");
            if (bearerToken is not null)
            {
                config.Append("        http_config:\n          authorization:\n            type: Bearer\n            credentials: '").Append(bearerToken).Append("'\n");
            }
        }

        var configFile = Path.Combine(root, "alertmanager.yml");
        await File.WriteAllTextAsync(configFile, config.ToString());
        var port = FreePort.Next();
        var process = await LoopbackServerProcess.StartAsync(
            binary,
            [
                "--config.file=" + configFile,
                "--storage.path=" + Path.Combine(root, "data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--cluster.listen-address=",
                "--log.level=warn",
            ],
            root,
            port,
            "-/ready");
        return new AlertmanagerServer(process, port);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static string Duration(TimeSpan value) =>
        value.TotalSeconds >= 1 && value.TotalSeconds == Math.Floor(value.TotalSeconds)
            ? ((int)value.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
            : Math.Max(1, (int)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
