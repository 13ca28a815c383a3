using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using AIOps.Abstractions.Resources;
using AIOps.Estate.Inventory;

namespace AIOps.Benchmarks.Inventory;

/// <summary>
/// A generated estate for the sync benchmark: nodes, pods on them and services over the pods, with tags, desired and
/// observed state like a Kubernetes inventory, deterministic for a seed. A static source: it lists, and its watch
/// has nothing new.
/// </summary>
internal sealed class BenchmarkEstate(IReadOnlyList<InventoryResource> resources) : IInventoryProvider
{
    public IReadOnlyList<InventoryResource> Resources => resources;

    public string Name => "benchmark";

    public static BenchmarkEstate Create(int seed, int count)
    {
        var random = new Random(seed);
        var list = new List<InventoryResource>(count);
        var nodes = Math.Max(1, count / 50);
        string[] teams = ["shop", "payments", "search", "platform"];
        for (var i = 0; i < count; i++)
        {
            var (kind, deps) = i < nodes
                ? ("node", ImmutableArray<string>.Empty)
                : i % 10 == 0
                    ? ("service", [Id("pod", i - 1)])
                    : ("pod", [Id("node", random.Next(nodes))]);
            var id = Id(kind, i);
            var team = teams[i % teams.Length];
            var spec = new ResourceSpec(
                "k8s", kind, $"{kind}-{i}", "prod-eu",
                ImmutableDictionary<string, string>.Empty.Add("team", team).Add("env", "prod").Add("app", $"app-{i % 97}"),
                ImmutableDictionary<string, string>.Empty.Add("image", $"registry/app-{i % 97}:1.{i % 13}").Add("replicas", "1"),
                deps,
                kind == "node" ? 0.192m : 0m);
            list.Add(new InventoryResource(id, spec, ImmutableDictionary<string, string>.Empty.Add("phase", "Running"), ResourceHealth.Healthy));
        }

        return new BenchmarkEstate(list);

        static string Id(string kind, int i) => string.Create(CultureInfo.InvariantCulture, $"k8s:prod-eu:{kind}/{i:D6}");
    }

    public Task<InventorySnapshot> ListAsync(CancellationToken cancellationToken) => Task.FromResult(new InventorySnapshot(resources, "0"));

    public async IAsyncEnumerable<InventoryChange> WatchAsync(string cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
