using System.Text;
using AIOps.Abstractions;
using AIOps.Abstractions.Audit;
using AIOps.Grains.Credentials;
using AIOps.Grains.Tests.Credentials;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Grains.Tests.Durable;

[Collection(PostgresCollection.Name)]
public sealed class CredentialVaultDurableTests(PostgresFixture postgres)
{
    [Fact]
    public async Task RowsInPostgresHoldNoPlaintextAndAnotherSiloSharingTheKeyRingDecryptsThem()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using (var siloA = VaultHost.Start(db))
        {
            await siloA.Vault.CreateAsync("aws-prod", Samples.Aws(), "alice");
            await siloA.Vault.CreateAsync("azure-prod", Samples.Azure(), "alice");
            await siloA.Vault.CreateAsync("k8s-prod", Samples.Kube(), "alice");
            await siloA.Vault.CreateAsync("tfc", Samples.Terraform(), "alice");
            await siloA.Vault.CreateAsync("db-password", Samples.Generic(), "alice");
        }

        var everything = await DumpAsync(db, "aiops_credentials");
        Assert.Contains("aws-prod", everything, StringComparison.Ordinal);
        Assert.Contains("****7XY9", everything, StringComparison.Ordinal);
        Assert.All(Samples.Secrets.Append(Samples.AccessKeyId), secret => Assert.DoesNotContain(secret, everything, StringComparison.Ordinal));
        Assert.DoesNotContain("apiVersion", everything, StringComparison.Ordinal);
        Assert.NotEqual("0", await ScalarAsync(db, "SELECT count(*)::text FROM aiops_dataprotection_keys"));

        // A fresh container on the same database is a second silo, or the first after a restart.
        await using var siloB = VaultHost.Start(db);
        Assert.Equal(Samples.SecretAccessKey, (await siloB.Vault.GetSecretAsync("aws-prod"))["secretAccessKey"]);
        Assert.Equal(Samples.ClientSecret, (await siloB.Vault.GetSecretAsync("azure-prod"))["clientSecret"]);
        Assert.Equal(Samples.Kubeconfig, (await siloB.Vault.GetSecretAsync("k8s-prod"))["kubeconfig"]);
        Assert.Equal(Samples.TerraformToken, (await siloB.Vault.GetSecretAsync("tfc"))["token"]);
        Assert.Equal(Samples.GenericPassword, (await siloB.Vault.GetSecretAsync("db-password"))["password"]);
        Assert.Equal(["aws-prod", "azure-prod", "db-password", "k8s-prod", "tfc"], (await siloB.Vault.ListAsync()).Select(m => m.Name));
        Assert.Equal(["aws-prod"], (await siloB.Vault.ListAsync("payments")).Select(m => m.Name));
    }

    [Fact]
    public async Task MetadataReadsBackFromPostgresAsItWasWritten()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var silo = VaultHost.Start(db);
        var created = await silo.Vault.CreateAsync("aws-prod", Samples.Aws(), "alice");
        var read = await silo.Vault.GetAsync("aws-prod");
        Assert.Equal(created with { Attributes = read.Attributes, SecretFields = read.SecretFields }, read);
        Assert.Equal(created.Attributes, read.Attributes);
        Assert.Equal(created.SecretFields, read.SecretFields);

        var rotated = await silo.Vault.RotateAsync("aws-prod", Samples.Rotation("second-SECRET"), "bob");
        var reread = await silo.Vault.GetAsync("aws-prod");
        Assert.Equal((rotated.Version, rotated.RotatedAt, rotated.RotatedBy), (reread.Version, reread.RotatedAt, reread.RotatedBy));
        Assert.Equal(created.CreatedAt, reread.CreatedAt);
    }

    [Fact]
    public async Task ConcurrentRotationsFromTwoSilosLeaveOneWinnerPerVersionAndTheRestConflict()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var siloA = VaultHost.Start(db);
        await using var siloB = VaultHost.Start(db);
        await siloA.Vault.CreateAsync("aws-prod", Samples.Aws(), "alice");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            try
            {
                await (i % 2 == 0 ? siloA : siloB).Vault.RotateAsync("aws-prod", Samples.Rotation($"rotation-{i}-SECRET"), $"actor-{i}");
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        })));

        var wins = outcomes.Count(o => o);
        Assert.InRange(wins, 1, 12);
        var current = await siloB.Vault.GetAsync("aws-prod");
        Assert.Equal(1 + wins, current.Version);
        var secret = await siloA.Vault.GetSecretAsync("aws-prod");
        Assert.Equal($"rotation-{current.RotatedBy!["actor-".Length..]}-SECRET", secret["secretAccessKey"]);
        var audited = await siloA.Audit.SearchAsync(new AuditQuery(Action: AuditActions.CredentialRotated));
        Assert.Equal(wins, audited.Total);
    }

    [Fact]
    public async Task DeleteRemovesTheRowAndTheAuditTrailInPostgresNamesActorsButNoSecret()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var silo = VaultHost.Start(db);
        await silo.Vault.CreateAsync("tfc", Samples.Terraform(), "alice");
        await silo.Vault.DeleteAsync("tfc", "bob");
        Assert.Equal("0", await ScalarAsync(db, "SELECT count(*)::text FROM aiops_credentials"));
        await Assert.ThrowsAsync<NotFoundException>(() => silo.Vault.GetAsync("tfc"));

        var audit = await DumpAsync(db, "aiops_audit_log");
        Assert.Contains("credential.created", audit, StringComparison.Ordinal);
        Assert.Contains("credential.deleted", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.TerraformToken, audit, StringComparison.Ordinal);
        Assert.True((await silo.Audit.VerifyAsync()).Valid);
    }

    /// <summary>Every row of <paramref name="table"/> as text, with bytea columns also as UTF-8, base64 and hex.</summary>
    internal static async Task<string> DumpAsync(string db, string table)
    {
        var dump = new StringBuilder();
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT * FROM {table}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                dump.AppendLine(value switch
                {
                    byte[] bytes => $"{Encoding.UTF8.GetString(bytes)}\n{Convert.ToBase64String(bytes)}\n{Convert.ToHexString(bytes)}",
                    string[] items => string.Join(',', items),
                    _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }

        return dump.ToString();
    }

    internal static async Task<string?> ScalarAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
