using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AIOps.Benchmarks.Ingest;

/// <summary>
/// A deterministic storm of Alertmanager API v2 alerts (what Prometheus posts): a few hundred distinct alerts over pods,
/// nodes and services, sent again and again (repeats), about one notification in fifty resolving its alert and a later
/// one firing it again with a new start. Bodies are serialized once, so both targets get the same bytes.
/// </summary>
internal sealed class AlertStorm
{
    private static readonly string[] AlertNames = ["KubePodCrashLooping", "KubePodNotReady", "HighErrorRate", "HighLatency", "NodeDiskPressure", "KubeNodeNotReady"];
    private readonly Random _random = new(42);
    private readonly DateTimeOffset _base;
    private readonly Dictionary<string, string>[] _labels;
    private readonly DateTimeOffset[] _startsAt;
    private readonly bool[] _resolved;
    private int _tick;

    private readonly int _resolvePercent;

    public AlertStorm(int alerts, DateTimeOffset now, int resolvePercent = 2)
    {
        _resolvePercent = resolvePercent;
        _base = now;
        _labels = new Dictionary<string, string>[alerts];
        _startsAt = new DateTimeOffset[alerts];
        _resolved = new bool[alerts];
        for (var i = 0; i < alerts; i++)
        {
            var name = AlertNames[i % AlertNames.Length];
            var cluster = i % 3 == 0 ? "prod-us" : "prod-eu";
            var resource = name.StartsWith("Node", StringComparison.Ordinal) || name == "KubeNodeNotReady"
                ? $"k8s:{cluster}:node/ip-10-0-{i / 256}-{i % 256}"
                : $"k8s:{cluster}:pod/shop/svc-{i % 40}-{i:x4}";
            _labels[i] = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["alertname"] = name,
                ["severity"] = i % 5 == 0 ? "critical" : "warning",
                ["cluster"] = cluster,
                ["namespace"] = "shop",
                ["job"] = "kubernetes-pods",
                ["instance"] = $"10.0.{i / 256}.{i % 256}:9100",
                ["resource_id"] = resource,
            };
            _startsAt[i] = now.AddHours(-6).AddMilliseconds(i); // re-fires move starts later: room for long runs
        }
    }

    /// <summary>The resource an alert concerns.</summary>
    public string ResourceOf(int alert) => _labels[alert]["resource_id"];

    /// <summary>A request body of <paramref name="count"/> notifications drawn from the storm.</summary>
    public byte[] NextBody(int count) => Body(Enumerable.Range(0, count).Select(_ => Next()).ToList());

    /// <summary>A body of the given alerts' firing notifications (labels made unique by <paramref name="tag"/>), plus repeats to fill <paramref name="count"/>.</summary>
    public byte[] BodyWithNew(IReadOnlyList<string> newResources, int count)
    {
        var items = newResources.Select(r => Firing(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = "KubePodNotReady",
            ["severity"] = "critical",
            ["cluster"] = "bench",
            ["namespace"] = "latency",
            ["resource_id"] = r,
        }, _base.AddMinutes(-1))).ToList();
        while (items.Count < count)
        {
            items.Add(Next());
        }

        return Body(items);
    }

    private Dictionary<string, object> Next()
    {
        _tick++;
        var i = _random.Next(_labels.Length);
        var roll = _random.Next(100);
        if (!_resolved[i] && roll < _resolvePercent)
        {
            _resolved[i] = true;
            return Item(_labels[i], _startsAt[i], _base.AddSeconds(-1));
        }

        if (_resolved[i] && roll < 40)
        {
            _resolved[i] = false;
            _startsAt[i] = _startsAt[i].AddSeconds(1 + _tick % 60);
        }

        return _resolved[i] ? Item(_labels[i], _startsAt[i], _base.AddSeconds(-1)) : Firing(_labels[i], _startsAt[i]);
    }

    private Dictionary<string, object> Firing(Dictionary<string, string> labels, DateTimeOffset startsAt) => Item(labels, startsAt, _base.AddHours(1));

    private static Dictionary<string, object> Item(Dictionary<string, string> labels, DateTimeOffset startsAt, DateTimeOffset endsAt) => new(StringComparer.Ordinal)
    {
        ["labels"] = labels,
        ["annotations"] = new Dictionary<string, string> { ["summary"] = $"{labels["alertname"]} on {labels["resource_id"]}" },
        ["startsAt"] = startsAt.ToString("O", CultureInfo.InvariantCulture),
        ["endsAt"] = endsAt.ToString("O", CultureInfo.InvariantCulture),
        ["generatorURL"] = "http://prometheus.bench:9090/graph?g0.expr=up",
    };

    private static byte[] Body(List<Dictionary<string, object>> items) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(items));
}
