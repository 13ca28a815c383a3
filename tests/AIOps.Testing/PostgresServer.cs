using Npgsql;

namespace AIOps.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster from the machine's binaries: initdb into a temp folder, started on a free
/// loopback port with its own socket folder, removed on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string InstallHint =
        "PostgreSQL server binaries were not found. Install them with 'apt-get update && apt-get install -y postgresql' " +
        "(Debian puts them in /usr/lib/postgresql/<version>/bin), or set AIOPS_PG_BIN to the folder holding initdb and pg_ctl.";

    private readonly string _binDirectory;
    private readonly string _root;
    private readonly string? _runAs;
    private int _databases;

    private PostgresServer(string binDirectory, string root, int port, string? runAs)
    {
        _binDirectory = binDirectory;
        _root = root;
        _runAs = runAs;
        Port = port;
        ConnectionString = ConnectionStringFor("postgres");
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Connection string of the <c>postgres</c> database as superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts a new cluster. <paramref name="fsync"/> false trades crash safety for speed (tests); benchmarks keep it on.</summary>
    public static async Task<PostgresServer> StartAsync(bool fsync = false)
    {
        var bin = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), "aiops-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var runAs = ExternalTool.IsRoot ? "postgres" : null;
        if (runAs is not null)
        {
            await ExternalTool.RunAsync("chown", [runAs, root]);
        }

        var data = Path.Combine(root, "data");
        await ExternalTool.RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"], runAs);
        var port = FreePort.Next();
        var settings = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync={(fsync ? "on" : "off")}"
            + (fsync ? "" : " -c synchronous_commit=off -c full_page_writes=off");
        await ExternalTool.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", settings, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"], runAs);
        return new PostgresServer(bin, root, port, runAs);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"aiops_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExternalTool.RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], _runAs);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("AIOPS_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : throw new InvalidOperationException($"AIOPS_PG_BIN={configured} has no initdb. {InstallHint}");
        }

        const string debianRoot = "/usr/lib/postgresql";
        var found = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(InstallHint);
    }

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            MaxPoolSize = 100,
        }.ConnectionString;
}
