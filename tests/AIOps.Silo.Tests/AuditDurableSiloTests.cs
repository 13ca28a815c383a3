using System.Net.Http.Json;
using System.Text.Json;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Silo.Tests;

[Collection(PostgresCollection.Name)]
public sealed class AuditDurableSiloTests(PostgresFixture postgres)
{
    [Fact]
    public async Task InDurableModeVerifyOverHttpReportsARowThatDoesNotMatchItsHash()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(db);
        var before = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit/verify", UriKind.Relative));
        Assert.True(before.GetProperty("valid").GetBoolean());

        // The silo applied deploy/sql at start: the table and its trigger exist. A row slipped in behind the
        // application's back cannot carry a hash that matches.
        // The default agents were configured at start, so the chain already has entries; the forged one goes last.
        long forged;
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using (var last = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM aiops_audit_log", connection))
            {
                forged = (long)(await last.ExecuteScalarAsync())! + 1;
            }

            Assert.Equal(before.GetProperty("entriesChecked").GetInt64() + 1, forged);
            await using var forge = new NpgsqlCommand(
                $"""
                INSERT INTO aiops_audit_log (seq, at, actor, action, outcome, previous_hash, hash)
                VALUES ({forged}, now(), 'mallory', 'approval.granted', 'approved', '{new string('0', 64)}', '{new string('f', 64)}')
                """, connection);
            await forge.ExecuteNonQueryAsync();
            await using var update = new NpgsqlCommand("UPDATE aiops_audit_log SET actor = 'eve'", connection);
            await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        }

        var after = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit/verify", UriKind.Relative));
        Assert.False(after.GetProperty("valid").GetBoolean());
        Assert.Equal(forged, after.GetProperty("firstBrokenSequence").GetInt64());
        Assert.Equal("hash-mismatch", after.GetProperty("break").GetString());

        var found = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?actor=mallory&action=approval", UriKind.Relative));
        Assert.Equal(1, found.GetProperty("total").GetInt64());
        Assert.Equal("approval.granted", found.GetProperty("items")[0].GetProperty("action").GetString());

        var report = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/audit/export?from={DateTime.UtcNow.AddHours(-1):yyyy-MM-dd'T'HH:mm:ss'Z'}&to={DateTime.UtcNow.AddHours(1):yyyy-MM-dd'T'HH:mm:ss'Z'}", UriKind.Relative));
        Assert.Equal("mallory", report.GetProperty("approvalsGranted")[0].GetProperty("actor").GetString());

        var everything = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit/export?from=0001-01-01&to=9999-12-31T23:59:59Z", UriKind.Relative));
        Assert.Equal(forged, everything.GetProperty("counts").GetProperty("entries").GetInt64());
        var all = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?from=0001-01-01&to=9999-12-31&offset=2147483647&limit=500", UriKind.Relative));
        Assert.Equal(forged, all.GetProperty("total").GetInt64());
    }
}
