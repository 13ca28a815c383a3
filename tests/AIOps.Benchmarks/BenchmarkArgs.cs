using System.Globalization;

namespace AIOps.Benchmarks;

/// <summary>
/// Options as <c>--name value</c> or <c>--name=value</c>. A benchmark reads the ones it knows, then calls
/// <see cref="EnsureAllUsed"/> so a misspelt option fails instead of being ignored.
/// </summary>
public sealed class BenchmarkArgs
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _used = [];

    private BenchmarkArgs(Dictionary<string, string> values) => _values = values;

    /// <summary>Parses the arguments after the benchmark name.</summary>
    public static BenchmarkArgs Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new BenchmarkUsageException($"expected an option like --name value, got '{arg}'");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[arg[2..equals]] = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                values[arg[2..]] = args[++i];
            }
            else
            {
                throw new BenchmarkUsageException($"option '{arg}' needs a value");
            }
        }

        return new BenchmarkArgs(values);
    }

    /// <summary>The option's value, or <paramref name="fallback"/> when it is not given.</summary>
    public string? GetString(string name, string? fallback = null)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var value) ? value : fallback;
    }

    /// <summary>A whole number of at least <paramref name="min"/>; <c>_</c> separators are allowed (<c>100_000</c>).</summary>
    public int GetInt32(string name, int fallback, int min = 1)
    {
        var text = GetString(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new BenchmarkUsageException($"--{name} must be a whole number of at least {min}, got '{text}'");
    }

    /// <summary>A switch given as <c>true</c> or <c>false</c>.</summary>
    public bool GetBoolean(string name, bool fallback)
    {
        var text = GetString(name);
        return text is null ? fallback
            : bool.TryParse(text, out var value) ? value
            : throw new BenchmarkUsageException($"--{name} must be true or false, got '{text}'");
    }

    /// <summary>Throws when an option was given that no <c>Get</c> call asked for.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new BenchmarkUsageException($"unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}");
        }
    }
}
