using System.Collections.Concurrent;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// Label and annotation objects already parsed, by their exact JSON bytes: Prometheus and Alertmanager send an alert's
/// labels the same way every time. Only successfully parsed objects are kept, so a hit is what parsing would give.
/// Bounded; once full, new objects are parsed and not kept.
/// </summary>
internal static class PairSetCache
{
    /// <summary>Objects longer than this are parsed every time.</summary>
    public const int MaxBytes = 2048;

    private const int MaxEntries = 50_000;
    private static readonly ConcurrentDictionary<byte[], PairSet> Sets = new(new BytesComparer());
    private static readonly ConcurrentDictionary<byte[], PairSet>.AlternateLookup<ReadOnlySpan<byte>> Lookup = Sets.GetAlternateLookup<ReadOnlySpan<byte>>();

    public static bool TryGet(ReadOnlySpan<byte> json, out PairSet set) => Lookup.TryGetValue(json, out set!);

    public static void Add(ReadOnlySpan<byte> json, PairSet set)
    {
        if (Sets.Count < MaxEntries)
        {
            Lookup.TryAdd(json, set);
        }
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = default(HashCode);
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
