using System.Collections.Immutable;
using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Resources;

/// <summary>
/// Stored state of a resource grain. Estates hold hundreds of thousands of resources, so the resident form is
/// compact: key/value maps are flat arrays sorted by key, and repeating strings are pooled
/// (<see cref="StringPool"/>). <see cref="ToResource"/> builds the public record on demand.
/// </summary>
[GenerateSerializer, Alias("aiops.resource-state")]
public sealed class ResourceState
{
    /// <summary>Null while the resource is not managed.</summary>
    [Id(0)] public string? Provider { get; set; }

    [Id(1)] public string Kind { get; set; } = "";

    [Id(2)] public string Name { get; set; } = "";

    [Id(3)] public string Location { get; set; } = "";

    /// <summary>Key, value, key, value... sorted by key (ordinal).</summary>
    [Id(4)] public string[] Tags { get; set; } = [];

    [Id(5)] public string[] DesiredState { get; set; } = [];

    [Id(6)] public string[] ObservedState { get; set; } = [];

    [Id(7)] public string[] Dependencies { get; set; } = [];

    [Id(8)] public decimal CostPerHour { get; set; }

    [Id(9)] public ResourceHealth Health { get; set; }

    [Id(10)] public DateTimeOffset CreatedAt { get; set; }

    [Id(11)] public DateTimeOffset UpdatedAt { get; set; }

    [Id(12)] public DateTimeOffset? ObservedAt { get; set; }

    [Id(13)] public long Version { get; set; }

    [Id(14)] public long EventsApplied { get; set; }

    /// <summary>Null until the first stream event, so resources that never get one carry no list.</summary>
    [Id(15)] public RecentEventIds? RecentEvents { get; set; }

    /// <summary>The lease in force, if any; expired leases are cleared when next looked at.</summary>
    [Id(16)] public ResourceLease? Lease { get; set; }

    /// <summary>Inventory source that keeps the resource in step, if any.</summary>
    [Id(17)] public string? Source { get; set; }

    /// <summary>True while the source cannot be read.</summary>
    [Id(18)] public bool Stale { get; set; }

    public bool Exists => Provider is not null;

    /// <summary>Flattens a map into sorted key/value pairs with pooled strings.</summary>
    public static string[] Flatten(IEnumerable<KeyValuePair<string, string>>? map)
    {
        if (map is null)
        {
            return [];
        }

        var pairs = map.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        if (pairs.Length == 0)
        {
            return [];
        }

        var flat = new string[pairs.Length * 2];
        for (var i = 0; i < pairs.Length; i++)
        {
            flat[2 * i] = StringPool.Intern(pairs[i].Key);
            flat[(2 * i) + 1] = StringPool.Intern(pairs[i].Value ?? "");
        }

        return flat;
    }

    /// <summary>Pairs back into a map.</summary>
    public static ImmutableDictionary<string, string> Expand(string[] flat)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            builder[flat[i]] = flat[i + 1];
        }

        return builder.ToImmutable();
    }

    /// <summary>Replaces every string with its pooled instance; called after the state is read from storage.</summary>
    public void PoolStrings()
    {
        if (Provider is not null)
        {
            Provider = StringPool.Intern(Provider);
        }

        Kind = StringPool.Intern(Kind);
        Location = StringPool.Intern(Location);
        PoolAll(Tags);
        PoolAll(DesiredState);
        PoolAll(ObservedState);
        PoolAll(Dependencies);
    }

    /// <summary>The stored form of a resource record (imports, tools, benchmarks).</summary>
    public static ResourceState From(ManagedResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new ResourceState
        {
            Provider = StringPool.Intern(resource.Provider),
            Kind = StringPool.Intern(resource.Kind),
            Name = resource.Name,
            Location = StringPool.Intern(resource.Location),
            Tags = Flatten(resource.Tags),
            DesiredState = Flatten(resource.DesiredState),
            ObservedState = Flatten(resource.ObservedState),
            Dependencies = [.. resource.Dependencies.Select(StringPool.Intern)],
            CostPerHour = resource.CostPerHour,
            Health = resource.Health,
            CreatedAt = resource.CreatedAt,
            UpdatedAt = resource.UpdatedAt,
            ObservedAt = resource.ObservedAt,
            Version = resource.Version,
        };
    }

    /// <summary>The public view of the resource.</summary>
    public ManagedResource ToResource(string id) => new(
        id, Provider ?? "", Kind, Name, Location, Expand(Tags), Expand(DesiredState), Expand(ObservedState),
        [.. Dependencies], CostPerHour, Health, CreatedAt, UpdatedAt, ObservedAt, Version)
    {
        Source = Source,
        Stale = Stale,
    };

    private static void PoolAll(string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = StringPool.Intern(values[i]);
        }
    }
}
