using Npgsql;

namespace AIOps.Benchmarks.Storage;

/// <summary>Options of the <c>storage</c> benchmark.</summary>
/// <param name="Resources">Distinct resource grains (and raw rows) the writes go to.</param>
/// <param name="Concurrency">Writes in flight at once, for both paths.</param>
/// <param name="Writes">Timed writes per path, after the warm-up.</param>
/// <param name="Rounds">The timed writes are split into this many rounds, alternating which path goes first.</param>
/// <param name="IdleGrains">Resource grains created and left idle for the memory measurement; 0 skips it.</param>
/// <param name="Breakdown">Also time the diagnostic paths that show where the grain path's cost goes.</param>
/// <param name="NpgsqlSettings">Extra connection-string settings for both paths, e.g. <c>No Reset On Close=true</c>.</param>
internal sealed record StorageOptions(int Resources, int Concurrency, int Writes, int Rounds, int IdleGrains, bool Breakdown, string? NpgsqlSettings)
{
    public const string Usage =
        "grain-state writes/s vs raw Npgsql upserts/s, and bytes per idle resource grain. Options: --resources 2000 " +
        "--concurrency 64 --writes 20000 --rounds 2 --idle-grains 100000 --breakdown true --npgsql \"<connection settings for both paths>\"";

    public static StorageOptions From(BenchmarkArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new StorageOptions(
            args.GetInt32("resources", 2_000),
            args.GetInt32("concurrency", 64),
            args.GetInt32("writes", 20_000),
            args.GetInt32("rounds", 2),
            args.GetInt32("idle-grains", 100_000, min: 0),
            args.GetBoolean("breakdown", true),
            args.GetString("npgsql"));
        args.EnsureAllUsed();
        if (options.Rounds > options.Writes)
        {
            throw new BenchmarkUsageException("--rounds must not exceed --writes");
        }

        _ = options.ConnectionString("Host=localhost");
        return options;
    }

    /// <summary><paramref name="connectionString"/> with <see cref="NpgsqlSettings"/> applied.</summary>
    public string ConnectionString(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(NpgsqlSettings))
        {
            return connectionString;
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString + ";" + NpgsqlSettings).ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new BenchmarkUsageException($"--npgsql '{NpgsqlSettings}' is not valid: {e.Message}");
        }
    }
}
