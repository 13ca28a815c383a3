using System.Net.Http.Json;
using System.Text.Json;
using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>In the durable mode the incident-type model is trained once, stored in PostgreSQL and reused after a restart.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ModelDurableTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ADurableSiloTrainsTheModelOnceAndAfterARestartLoadsItFromPostgreSql()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        JsonElement first;
        await using (var silo = await SiloProcess.StartAsync(db))
        {
            first = await WaitForModelAsync(silo);
            await silo.StopAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(db);
        await WaitForLogAsync(restarted, "Incidents are classified with the catalog and model incident-type@1.");
        Assert.DoesNotContain("Incident-type model incident-type@1 trained on", restarted.Output, StringComparison.Ordinal);
        var versions = await restarted.Http.GetFromJsonAsync<JsonElement[]>("/api/models/incident-type");
        Assert.Equal(first.ToString(), Assert.Single(versions!).ToString());
    }

    private static async Task<JsonElement> WaitForModelAsync(SiloProcess silo)
    {
        await WaitForLogAsync(silo, "Incidents are classified with the catalog and model incident-type@1.");
        return Assert.Single((await silo.Http.GetFromJsonAsync<JsonElement[]>("/api/models"))!);
    }

    private static async Task WaitForLogAsync(SiloProcess silo, string line)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!silo.Output.Contains(line, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"'{line}' not logged within 3 minutes\n{silo.Output}");
            await Task.Delay(200);
        }
    }
}
