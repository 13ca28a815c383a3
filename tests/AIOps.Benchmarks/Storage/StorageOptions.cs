using Npgsql;

namespace AIOps.Benchmarks.Storage;

/// <summary>Options of the <c>storage</c> benchmark.</summary>
/// <param name="Resources">Distinct resource grains (and raw rows) the writes go to.</param>
/// <param name="Concurrency">Writes in flight at once, for both paths.</param>
/// <param name="Writes">Timed writes per path, after the warm-up.</param>
/// <param name="WarmUpWrites">Untimed updates per path after the first inserts, so the JIT reaches steady state.</param>
/// <param name="Rounds">The timed writes are split into this many rounds, alternating which path goes first.</param>
/// <param name="IdleGrains">Resource grains created and left idle for the memory measurement; 0 skips it.</param>
/// <param name="Breakdown">Also time the diagnostic paths that show where the grain path's cost goes.</param>
/// <param name="NpgsqlSettings">Extra connection-string settings for both paths, e.g. <c>No Reset On Close=true</c>.</param>
/// <param name="MinimalIdleState">Create the idle grains with the smallest valid declaration instead of a realistic one.</param>
/// <param name="HoldSeconds">Seconds to keep everything up after the memory snapshots, e.g. for <c>dotnet-gcdump collect</c>.</param>
/// <param name="SiloNpgsqlSettings">Extra connection-string settings for the silo only, to try a storage setting against an unchanged raw path.</param>
internal sealed record StorageOptions(
    int Resources, int Concurrency, int Writes, int WarmUpWrites, int Rounds, int IdleGrains, bool MinimalIdleState, int HoldSeconds, bool Breakdown, string? NpgsqlSettings, string? SiloNpgsqlSettings)
{
    public const string Usage =
        "grain-state writes/s vs raw Npgsql upserts/s, and bytes per idle resource grain. Options: --resources 2000 " +
        "--concurrency 64 --writes 20000 --warm-up-writes 10000 --rounds 2 --idle-grains 100000 --idle-state full|minimal --hold 0 --breakdown true --npgsql \"<connection settings for both paths>\" --silo-npgsql \"<settings for the silo only>\"";

    public static StorageOptions From(BenchmarkArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new StorageOptions(
            args.GetInt32("resources", 2_000),
            args.GetInt32("concurrency", 64),
            args.GetInt32("writes", 20_000),
            args.GetInt32("warm-up-writes", 10_000, min: 0),
            args.GetInt32("rounds", 2),
            args.GetInt32("idle-grains", 100_000, min: 0),
            args.GetString("idle-state", "full") switch
            {
                "full" => false,
                "minimal" => true,
                var other => throw new BenchmarkUsageException($"--idle-state must be full or minimal, got '{other}'"),
            },
            args.GetInt32("hold", 0, min: 0),
            args.GetBoolean("breakdown", true),
            args.GetString("npgsql"),
            args.GetString("silo-npgsql"));
        args.EnsureAllUsed();
        if (options.Rounds > options.Writes)
        {
            throw new BenchmarkUsageException("--rounds must not exceed --writes");
        }

        _ = options.SiloConnectionString("Host=localhost");
        return options;
    }

    /// <summary><paramref name="connectionString"/> with <see cref="NpgsqlSettings"/> applied.</summary>
    public string ConnectionString(string connectionString) => Apply(connectionString, NpgsqlSettings, "npgsql");

    /// <summary><paramref name="connectionString"/> with <see cref="NpgsqlSettings"/>, then <see cref="SiloNpgsqlSettings"/>, applied.</summary>
    public string SiloConnectionString(string connectionString) => Apply(ConnectionString(connectionString), SiloNpgsqlSettings, "silo-npgsql");

    private static string Apply(string connectionString, string? settings, string option)
    {
        if (string.IsNullOrWhiteSpace(settings))
        {
            return connectionString;
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString + ";" + settings).ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new BenchmarkUsageException($"--{option} '{settings}' is not valid: {e.Message}");
        }
    }
}
