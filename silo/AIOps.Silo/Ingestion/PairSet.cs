using AIOps.Grains.Alerts;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// A set of labels or annotations as received: the pairs sorted by name, their digest, and (for labels) the
/// Alertmanager fingerprint, worked out once. <see cref="AlertmanagerJson"/> hands out the same instance for the same
/// bytes, so a repeat costs no strings, sorting or hashing.
/// </summary>
public sealed class PairSet
{
    private string? _fingerprint;

    /// <summary>Wraps pairs already sorted by name with unique names.</summary>
    public PairSet(KeyValuePair<string, string>[] sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        Pairs = sorted;
        Digest = AlertContent.Digest(sorted);
    }

    /// <summary>No pairs.</summary>
    public static PairSet Empty { get; } = new([]);

    /// <summary>The pairs, sorted by name.</summary>
    public KeyValuePair<string, string>[] Pairs { get; }

    /// <summary><see cref="AlertContent.Digest"/> of the pairs.</summary>
    public ulong Digest { get; }

    /// <summary>The Alertmanager fingerprint of these pairs as labels.</summary>
    public string Fingerprint => _fingerprint ??= AlertFormats.Fingerprint(Pairs);

    /// <summary>The value of <paramref name="name"/>, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var (key, value) in Pairs)
            {
                if (key == name)
                {
                    return value;
                }
            }

            return null;
        }
    }
}
