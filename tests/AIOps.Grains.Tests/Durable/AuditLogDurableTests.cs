using AIOps.Abstractions.Audit;
using AIOps.Grains.Audit;
using AIOps.Grains.Tests.Audit;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Grains.Tests.Durable;

[Collection(PostgresCollection.Name)]
public sealed class AuditLogDurableTests(PostgresFixture postgres)
{
    private readonly ManualClock _clock = new(AuditScenario.Start);

    [Fact]
    public async Task AppendsFromManyConcurrentTasksOnTwoSilosFormOneUnbrokenChainWithoutGaps()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var siloA = NpgsqlDataSource.Create(db);
        await using var siloB = NpgsqlDataSource.Create(db);
        IAuditLog[] logs = [new PostgresAuditLog(siloA, TimeProvider.System), new PostgresAuditLog(siloB, TimeProvider.System)];

        var appended = await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            var mine = new List<AuditEntry>();
            for (var i = 0; i < 25; i++)
            {
                mine.Add(await logs[t % 2].AppendAsync(new AuditRecord(
                    $"agent-{t}", AuditActions.ActionStep, AuditOutcomes.Succeeded, ActionId: $"act-{t}-{i}", Reason: "étape ✓")));
            }

            return mine;
        })));

        var sequences = appended.SelectMany(a => a).Select(e => e.Sequence).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), sequences);
        var verification = await logs[0].VerifyAsync();
        Assert.Equal((true, 400L, 400L, null), (verification.Valid, verification.EntriesChecked, verification.LastSequence, verification.FirstBrokenSequence));

        var stored = await logs[1].ReadAsync(0, 1000);
        Assert.All(stored.Zip(stored.Skip(1)), pair => Assert.True(pair.First.At <= pair.Second.At, "time runs along the chain"));
        var written = appended.SelectMany(a => a).ToDictionary(e => e.Sequence);
        Assert.All(stored, e => Assert.Equal(written[e.Sequence].Hash, e.Hash));
    }

    [Theory]
    [InlineData("UPDATE aiops_audit_log SET actor = 'mallory' WHERE seq = 2")]
    [InlineData("UPDATE aiops_audit_log SET details = '{}'::jsonb")]
    [InlineData("DELETE FROM aiops_audit_log WHERE seq = 3")]
    [InlineData("TRUNCATE aiops_audit_log")]
    public async Task ChangingOrDeletingRowsThroughSqlIsRefusedByTheTrigger(string sql)
    {
        var (db, log) = await SeededAsync();
        var before = await log.ReadAsync(0, 100);
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, await log.ReadAsync(0, 100), new EntryComparer());
        Assert.True((await log.VerifyAsync()).Valid);
    }

    [Theory]
    [InlineData("UPDATE aiops_audit_log SET actor = 'mallory' WHERE seq = 5")]
    [InlineData("UPDATE aiops_audit_log SET details = details || '{\"approvedBy\": \"mallory\"}'::jsonb WHERE seq = 5")]
    [InlineData("UPDATE aiops_audit_log SET details = '[1]'::jsonb, actor = NULL WHERE seq = 5")]
    [InlineData("UPDATE aiops_audit_log SET at = at - interval '1 hour' WHERE seq = 5")]
    [InlineData("UPDATE aiops_audit_log SET reason = NULL WHERE seq = 5")]
    public async Task ARowChangedBySomeoneWhoDisabledTheTriggerIsReportedAtItsSequence(string tamper)
    {
        var (db, log) = await SeededAsync();
        await AsSuperuserBehindTheTriggerAsync(db, tamper.Contains("actor = NULL", StringComparison.Ordinal)
            ? ["ALTER TABLE aiops_audit_log ALTER COLUMN actor DROP NOT NULL", tamper]
            : [tamper]);

        var verification = await log.VerifyAsync();
        Assert.False(verification.Valid);
        Assert.Equal((5L, AuditChainBreak.HashMismatch), (verification.FirstBrokenSequence, verification.Break));
        Assert.Equal((4L, 5L), (verification.LastSequence, verification.EntriesChecked));
        Assert.Contains("Entry 5", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARowDeletedBySomeoneWhoDisabledTheTriggerIsReportedAsAGap()
    {
        var (db, log) = await SeededAsync();
        await AsSuperuserBehindTheTriggerAsync(db, ["DELETE FROM aiops_audit_log WHERE seq = 7"]);

        var verification = await log.VerifyAsync();
        Assert.Equal((false, 7L, AuditChainBreak.MissingEntry), (verification.Valid, verification.FirstBrokenSequence, verification.Break));
        Assert.Equal("Entry 7 is missing: entry 6 is followed by entry 8.", verification.Reason);
    }

    [Fact]
    public async Task ARowRewrittenWithARecomputedHashBreaksTheLinkOfTheNextRow()
    {
        var (db, log) = await SeededAsync();
        var entry = (await log.ReadAsync(4, 1)).Single() with { Actor = "mallory" };
        var forged = AuditHash.Compute(entry);
        await AsSuperuserBehindTheTriggerAsync(db, [$"UPDATE aiops_audit_log SET actor = 'mallory', hash = '{forged}' WHERE seq = 5"]);

        var verification = await log.VerifyAsync();
        Assert.Equal((false, 6L, AuditChainBreak.LinkMismatch), (verification.Valid, verification.FirstBrokenSequence, verification.Break));
    }

    [Fact]
    public async Task RowsDeletedFromTheEndAreCaughtByAnAnchorTakenBefore()
    {
        var (db, log) = await SeededAsync();
        var anchor = await log.VerifyAsync();
        await AsSuperuserBehindTheTriggerAsync(db, ["DELETE FROM aiops_audit_log WHERE seq > 10"]);

        Assert.True((await log.VerifyAsync()).Valid);
        var verification = await log.VerifyAsync(new AuditAnchor(anchor.LastSequence!.Value, anchor.LastHash!));
        Assert.Equal((false, 11L, AuditChainBreak.AnchorMismatch), (verification.Valid, verification.FirstBrokenSequence, verification.Break));
    }

    [Fact]
    public async Task VerifyWalksAChainLongerThanOnePageOfReads()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(db);
        var log = new PostgresAuditLog(dataSource, TimeProvider.System);
        for (var i = 0; i < 2100; i++)
        {
            await log.AppendAsync(new AuditRecord("bulk", AuditActions.ConfigChanged, "ok"));
        }

        Assert.Equal((true, 2100L), ((await log.VerifyAsync()).Valid, (await log.VerifyAsync()).EntriesChecked));
        await AsSuperuserBehindTheTriggerAsync(db, ["UPDATE aiops_audit_log SET outcome = 'forged' WHERE seq = 2050"]);
        Assert.Equal(2050L, (await log.VerifyAsync()).FirstBrokenSequence);
    }

    [Fact]
    public async Task SearchFiltersByTimeActorResourceAndActionAndPagesNewestFirst()
    {
        var (_, log) = await SeededAsync();
        await AuditScenario.AssertSearchesAsync(log);
    }

    [Fact]
    public async Task TheComplianceReportNamesApproversRunsWithAndWithoutApprovalAndPolicyDenials()
    {
        var (_, log) = await SeededAsync();
        await AuditScenario.AssertExportsAsync(log);
    }

    [Fact]
    public async Task StoredEntriesReadBackExactlyAsTheyWereAppended()
    {
        var (_, log) = await SeededAsync();
        var memory = new InMemoryAuditLog(_clock);
        var expected = await AuditScenario.SeedAsync(memory, _clock);
        Assert.Equal(expected, await log.ReadAsync(0, 100), new EntryComparer());
    }

    private async Task<(string Db, PostgresAuditLog Log)> SeededAsync()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresAuditLog(NpgsqlDataSource.Create(db), _clock);
        await AuditScenario.SeedAsync(log, _clock);
        _clock.Now = AuditScenario.Start;
        return (db, log);
    }

    /// <summary>What an attacker with the database's superuser password can do: switch the trigger off, change rows, switch it on.</summary>
    private static async Task AsSuperuserBehindTheTriggerAsync(string db, IEnumerable<string> statements)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        foreach (var sql in (string[])["ALTER TABLE aiops_audit_log DISABLE TRIGGER aiops_audit_log_immutable", .. statements, "ALTER TABLE aiops_audit_log ENABLE TRIGGER aiops_audit_log_immutable"])
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed class EntryComparer : IEqualityComparer<AuditEntry>
    {
        public bool Equals(AuditEntry? x, AuditEntry? y) =>
            x is not null && y is not null && x with { Details = y.Details } == y && x.Details.OrderBy(d => d.Key).SequenceEqual(y.Details.OrderBy(d => d.Key));

        public int GetHashCode(AuditEntry obj) => obj.Sequence.GetHashCode();
    }
}
