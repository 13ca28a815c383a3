namespace AIOps.Simulation.Randomness;

/// <summary>
/// xoshiro256** seeded through SplitMix64. System.Random's algorithm is not specified across .NET versions, so
/// the estate uses its own generator: the same seed gives the same estate on every runtime.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A generator whose whole sequence follows from <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        var x = seed;
        _s0 = NextSplitMix(ref x);
        _s1 = NextSplitMix(ref x);
        _s2 = NextSplitMix(ref x);
        _s3 = NextSplitMix(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Between(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive)
    {
        if (maxExclusive <= min)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), "The range is empty.");
        }

        return min + (int)(NextUInt64() % (ulong)(maxExclusive - min));
    }

    /// <summary>One element of <paramref name="items"/>, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items[Next(0, items.Count)];
    }

    /// <summary>Lower-case hexadecimal digits, as in AWS ids.</summary>
    public string Hex(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "0123456789abcdef"[(int)(NextUInt64() & 15)];
        }

        return new string(chars);
    }

    private static ulong NextSplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
