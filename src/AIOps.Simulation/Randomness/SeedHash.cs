namespace AIOps.Simulation.Randomness;

/// <summary>
/// Hashes that are the same on every runtime and platform (string.GetHashCode is randomised per process), so
/// that noise and names derived from (seed, resource, time) are reproducible.
/// </summary>
public static class SeedHash
{
    /// <summary>SplitMix64's finaliser: a bijective mix of 64 bits.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>FNV-1a over the UTF-16 code units of <paramref name="text"/>, then mixed.</summary>
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var h = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }

        return Mix(h);
    }

    /// <summary>Combines hashes in order.</summary>
    public static ulong Combine(ulong a, ulong b) => Mix(a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2)));

    /// <summary>Combines three hashes in order.</summary>
    public static ulong Combine(ulong a, ulong b, ulong c) => Combine(Combine(a, b), c);

    /// <summary>A uniform double in [0, 1) from a hash.</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>An approximately standard normal value from a hash (Irwin–Hall with four uniforms, rescaled).</summary>
    public static double Gaussian(ulong hash)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            hash = Mix(hash + (ulong)i);
            sum += Unit(hash);
        }

        // Sum of four U(0,1) has mean 2 and variance 1/3.
        return (sum - 2.0) * Math.Sqrt(3.0);
    }
}
