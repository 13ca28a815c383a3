using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using AIOps.Abstractions.Resources;
using AIOps.Estate.Inventory;

namespace AIOps.Grains.Tests.Inventory;

/// <summary>
/// An inventory source the test scripts: resources are added, changed and removed by the test, every change is
/// logged with a sequence number as cursor, and <see cref="Failing"/> makes the source throw like an unreachable API.
/// </summary>
public sealed class ScriptedInventory(string name) : IInventoryProvider
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InventoryResource> _resources = new(StringComparer.Ordinal);
    private readonly List<InventoryChange> _log = [];

    public string Name => name;

    public bool Failing { get; set; }

    public int Listings { get; private set; }

    public static InventoryResource Resource(string id, string kind = "vm", ResourceHealth health = ResourceHealth.Healthy, decimal cost = 0.1m, params string[] dependsOn) =>
        new(id, new ResourceSpec("sim", kind, id, "lab", ImmutableDictionary<string, string>.Empty.Add("team", "core"),
            ImmutableDictionary<string, string>.Empty.Add("size", "m"), [.. dependsOn], cost), ImmutableDictionary<string, string>.Empty.Add("state", "running"), health);

    public void Put(InventoryResource resource)
    {
        lock (_gate)
        {
            _resources[resource.Id] = resource;
            _log.Add(new InventoryChange(InventoryChangeKind.Upserted, resource.Id, resource, (_log.Count + 1).ToString(CultureInfo.InvariantCulture)));
        }
    }

    public void Remove(string id)
    {
        lock (_gate)
        {
            _resources.Remove(id);
            _log.Add(new InventoryChange(InventoryChangeKind.Deleted, id, null, (_log.Count + 1).ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Removes a resource without logging it, as a source does when its change feed is lost.</summary>
    public void RemoveSilently(string id)
    {
        lock (_gate)
        {
            _resources.Remove(id);
        }
    }

    public Task<InventorySnapshot> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Failing)
            {
                throw new HttpRequestException("scripted source is unreachable");
            }

            Listings++;
            return Task.FromResult(new InventorySnapshot([.. _resources.Values], _log.Count.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public async IAsyncEnumerable<InventoryChange> WatchAsync(string cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = int.Parse(cursor, CultureInfo.InvariantCulture);
        while (true)
        {
            InventoryChange[] batch;
            lock (_gate)
            {
                if (Failing)
                {
                    throw new HttpRequestException("scripted source is unreachable");
                }

                batch = [.. _log.Skip(next)];
            }

            foreach (var change in batch)
            {
                next++;
                yield return change;
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
