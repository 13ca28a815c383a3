using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIOps.Grains.Audit;
using AIOps.Grains.Credentials;
using AIOps.Hosting;
using AIOps.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AIOps.Silo.Tests;

[Collection(PostgresCollection.Name)]
public sealed class CredentialDurableSiloTests(PostgresFixture postgres)
{
    private const string Token = "durable-SECRET-terraform-token-77";

    [Fact]
    public async Task ACredentialStoredInDurableModeSurvivesARestartOfTheSiloAndAnotherProcessOnTheKeyRingDecryptsIt()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        string before;
        await using (var silo = await SiloProcess.StartAsync(db))
        {
            var put = await silo.Http.PutAsync(new Uri("/api/credentials/tfc-prod", UriKind.Relative), new StringContent(
                """{"kind":"terraform-token","team":"platform","fields":{"hostname":"app.terraform.io","token":"@@0@@"}}""".Replace("@@0@@", Token, StringComparison.Ordinal), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            before = await silo.Http.GetStringAsync(new Uri("/api/credentials/tfc-prod", UriKind.Relative));
            await silo.StopAsync();
            Assert.DoesNotContain(Token, silo.Output, StringComparison.Ordinal);
        }

        await using var restarted = await SiloProcess.StartAsync(db);
        Assert.Equal(before, await restarted.Http.GetStringAsync(new Uri("/api/credentials/tfc-prod", UriKind.Relative)));
        var rotated = await restarted.Http.PostAsync(new Uri("/api/credentials/tfc-prod/rotate", UriKind.Relative), new StringContent(
            """{"fields":{"hostname":"tfe.example.com","token":"second-SECRET-token"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(2, (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        // This test process, wired like a silo on the same database, is a second member of the cluster.
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IAuditLog>(sp => new PostgresAuditLog(sp.GetRequiredService<NpgsqlDataSource>(), TimeProvider.System));
        services.AddAIOpsCredentials(new ConfigurationBuilder().Build(), db);
        await using var provider = services.BuildServiceProvider();
        var secret = await provider.GetRequiredService<ICredentialVault>().GetSecretAsync("tfc-prod");
        Assert.Equal(("second-SECRET-token", "tfe.example.com", 2), (secret["token"], secret["hostname"], secret.Version));

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var rows = new NpgsqlCommand("SELECT count(*) FROM aiops_credentials WHERE position(convert_to('SECRET', 'UTF8') in payload) > 0 OR attributes::text LIKE '%SECRET%'", connection);
        Assert.Equal(0L, (long)(await rows.ExecuteScalarAsync())!);
    }
}
