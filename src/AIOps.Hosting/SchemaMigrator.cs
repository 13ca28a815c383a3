using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AIOps.Hosting;

/// <summary>
/// Applies the scripts of deploy/sql (embedded in this assembly) in name order. Every script is idempotent; a
/// script whose checksum is recorded already is skipped, and an advisory lock keeps silos starting together from
/// running the same script at once.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // Any constant works; it only has to be the same for every silo of every version.
    private const long LockKey = 0x41494F7073_5351;

    /// <summary>The embedded scripts, in the order they are applied.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>Applies every script not yet applied with its current content; returns the names applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS aiops_schema_history
            (
                script     text        PRIMARY KEY,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (name, sql) in Scripts)
        {
            var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey})", connection, transaction))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var check = new NpgsqlCommand("SELECT checksum FROM aiops_schema_history WHERE script = $1", connection, transaction))
            {
                check.Parameters.Add(new NpgsqlParameter { Value = name });
                if (await check.ExecuteScalarAsync(cancellationToken) as string == checksum)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    continue;
                }
            }

            await using (var run = new NpgsqlCommand(sql, connection, transaction))
            {
                await run.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                """
                INSERT INTO aiops_schema_history (script, checksum) VALUES ($1, $2)
                ON CONFLICT (script) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()
                """, connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter { Value = name });
                record.Parameters.Add(new NpgsqlParameter { Value = checksum });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogApplied(logger, name);
            applied.Add(name);
        }

        return applied;
    }

    private static List<(string Name, string Sql)> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sql/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n["sql/".Length..], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema script {Script}")]
    private static partial void LogApplied(ILogger logger, string script);
}
