using System.Collections.Concurrent;

namespace AIOps.Grains;

/// <summary>
/// Shares the instances of strings that repeat across many grains (provider, kind, region, tag keys, common
/// values), so a large estate holds "prod" once, not once per resource. Bounded: past the cap, or for long strings,
/// the string is kept as it is.
/// </summary>
public static class StringPool
{
    /// <summary>Strings longer than this are not pooled; they are unlikely to repeat.</summary>
    public const int MaxLength = 96;

    /// <summary>Most distinct strings the pool holds.</summary>
    public const int Capacity = 262_144;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    /// <summary>The pooled instance equal to <paramref name="value"/>.</summary>
    public static string Intern(string value)
    {
        if (value.Length == 0)
        {
            return string.Empty;
        }

        if (value.Length > MaxLength)
        {
            return value;
        }

        if (Pool.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        return Pool.Count < Capacity ? Pool.GetOrAdd(value, value) : value;
    }
}
