using AIOps.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AIOps.Silo.Hosting;

/// <summary><c>AIOps.Silo migrate</c>: applies deploy/sql to the database of <c>ConnectionStrings:aiops</c> and exits.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var connectionString = configuration.GetConnectionString(AIOpsOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("migrate: set ConnectionStrings__aiops (or --ConnectionStrings:aiops=...) to the PostgreSQL database to migrate.");
            return 2;
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var applied = await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
            Console.WriteLine(applied.Count == 0
                ? "migrate: schema is up to date."
                : $"migrate: applied {string.Join(", ", applied)}.");
            return 0;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"migrate: failed: {e.Message}");
            return 1;
        }
    }
}
