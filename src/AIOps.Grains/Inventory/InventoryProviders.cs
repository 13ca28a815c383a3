using System.Collections.Frozen;
using AIOps.Abstractions;
using AIOps.Estate.Inventory;

namespace AIOps.Grains.Inventory;

/// <summary>The inventory sources registered in this silo, by name.</summary>
public sealed class InventoryProviders(IEnumerable<IInventoryProvider> providers)
{
    private readonly FrozenDictionary<string, IInventoryProvider> _byName = providers.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>Every source's name.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>The source called <paramref name="name"/>.</summary>
    /// <exception cref="NotFoundException">No such source is registered.</exception>
    public IInventoryProvider Get(string name) =>
        _byName.TryGetValue(name, out var provider) ? provider : throw new NotFoundException("inventory source", name);
}
