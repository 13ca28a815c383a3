using System.Net;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Silo.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DurableIdentityTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ATokenFromOneSiloIsAcceptedByTheOtherAndStillAfterTheIssuerRestarts()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        string token;
        await using (var a = await SiloProcess.StartAsync(db))
        {
            await using var b = await SiloProcess.StartAsync(db);
            token = await a.Tokens.ForRoleAsync("operator");
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, token));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(a, await b.Tokens.ForRoleAsync("viewer")));

            // Leave the cluster properly, so the next silo does not wait for them to be declared dead.
            await b.StopAsync();
            await a.StopAsync();
        }

        await using var c = await SiloProcess.StartAsync(db);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(c, token));

        // The issuer's keys are stored once for the cluster, and only in protected form.
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT purpose, protected FROM aiops_identity_keys ORDER BY purpose", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string Purpose, string Protected)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        Assert.Equal(["encryption-aes", "signing-rsa"], rows.Select(r => r.Purpose));
        Assert.All(rows, r => Assert.DoesNotContain("\"Key\"", r.Protected, StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> StatusAsync(SiloProcess silo, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/agents/status");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await silo.Anonymous.SendAsync(request);
        return response.StatusCode;
    }
}
