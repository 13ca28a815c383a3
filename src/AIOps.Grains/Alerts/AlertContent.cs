using System.Text;

namespace AIOps.Grains.Alerts;

/// <summary>
/// A 64-bit digest of an alert's labels and annotations, so a notification can be recognised as a repeat of a stored
/// state without comparing dictionaries: FNV-1a over each set's pairs sorted by name, the two digests then combined.
/// The same pairs give the same digest whatever their order or container. Kept in memory only, never stored.
/// </summary>
public static class AlertContent
{
    private const ulong Offset = 14695981039346656037, Prime = 1099511628211;

    /// <summary>The FNV-1a 64 starting value.</summary>
    public static ulong Start => Offset;

    /// <summary>The digest of <paramref name="labels"/> and <paramref name="annotations"/> (any order).</summary>
    public static ulong Hash(IEnumerable<KeyValuePair<string, string>> labels, IEnumerable<KeyValuePair<string, string>> annotations)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(annotations);
        var l = labels.ToArray();
        var a = annotations.ToArray();
        Sort(l);
        Sort(a);
        return Combine(Digest(l), Digest(a));
    }

    /// <summary>The digest of one set of pairs already sorted by name (ordinal).</summary>
    public static ulong Digest(ReadOnlySpan<KeyValuePair<string, string>> sorted)
    {
        var hash = Offset;
        foreach (var (name, value) in sorted)
        {
            hash = Add(Add(hash, name, 0xff), value, 0xff);
        }

        return hash;
    }

    /// <summary>The content digest of an alert from its labels' and annotations' <see cref="Digest"/>s.</summary>
    public static ulong Combine(ulong labels, ulong annotations) => (labels * Prime) ^ (annotations + 0x9e3779b97f4a7c15UL + (labels << 6) + (labels >> 2));

    /// <summary>Sorts pairs by name (ordinal), the order <see cref="Digest"/> expects.</summary>
    public static void Sort(KeyValuePair<string, string>[] pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        Array.Sort(pairs, static (x, y) => string.CompareOrdinal(x.Key, y.Key));
    }

    /// <summary>Adds the UTF-8 bytes of <paramref name="text"/> and a separator byte to an FNV-1a digest.</summary>
    public static ulong Add(ulong hash, string text, byte separator)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            hash = Mix(hash, b);
        }

        return Mix(hash, separator);
    }

    private static ulong Mix(ulong hash, byte b) => (hash ^ b) * Prime;
}
