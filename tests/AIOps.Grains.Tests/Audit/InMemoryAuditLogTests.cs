using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Audit;
using AIOps.Grains.Audit;

namespace AIOps.Grains.Tests.Audit;

public sealed class InMemoryAuditLogTests
{
    private readonly ManualClock _clock = new(AuditScenario.Start);

    public static TheoryData<AuditRecord, string> BadRecords() => new()
    {
        { new AuditRecord("", AuditActions.ConfigChanged, "ok"), "actor" },
        { new AuditRecord("alice", "Approval Granted", "ok"), "action" },
        { new AuditRecord("alice", "approval.granted\n", "ok"), "action" },
        { new AuditRecord("alice", AuditActions.ConfigChanged, " "), "outcome" },
        { new AuditRecord("alice", AuditActions.ActionStep, AuditOutcomes.Started), "actionId" },
        { new AuditRecord("alice", AuditActions.ConfigChanged, "ok", Reason: "nul\0byte"), "reason" },
        { new AuditRecord("alice", AuditActions.ConfigChanged, "ok", ResourceId: new string('r', 513)), "resourceId" },
        { new AuditRecord("alice", AuditActions.ConfigChanged, "ok", Details: ImmutableDictionary<string, string>.Empty.Add("k", "a\ud800")), "details" },
        { new AuditRecord("alice", AuditActions.ConfigChanged, "ok", Details: ImmutableDictionary<string, string>.Empty.Add("", "v")), "details" },
        { new AuditRecord("alice", AuditActions.ConfigChanged, "ok", Details: Enumerable.Range(0, 65).ToImmutableDictionary(i => $"k{i}", i => "v")), "details" },
    };

    public static TheoryData<AuditQuery, string> BadQueries() => new()
    {
        { new AuditQuery(Limit: 0), "limit" },
        { new AuditQuery(Limit: 501), "limit" },
        { new AuditQuery(Offset: -1), "offset" },
        { new AuditQuery(From: AuditScenario.Start, To: AuditScenario.Start), "to" },
        { new AuditQuery(Action: "Approval"), "action" },
        { new AuditQuery(Action: "approval."), "action" },
        { new AuditQuery(Actor: new string('a', 201)), "actor" },
        { new AuditQuery(ResourceId: "x\0"), "resource" },
    };

    [Fact]
    public async Task AppendedEntriesFormAChainFromTheGenesisHash()
    {
        var log = new InMemoryAuditLog(_clock);
        var entries = await AuditScenario.SeedAsync(log, _clock);

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(AuditHash.Genesis, entries[0].PreviousHash);
        Assert.All(entries.Skip(1).Zip(entries), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.All(entries, e => Assert.Equal(AuditHash.Compute(e), e.Hash));
        Assert.Equal(entries, await log.ReadAsync(0, 100));
        Assert.Equal([4L, 5], (await log.ReadAsync(3, 2)).Select(e => e.Sequence));

        var verification = await log.VerifyAsync();
        Assert.Equal(new AuditVerification(true, 12, null, null, null, 12, entries[^1].Hash), verification);
    }

    [Fact]
    public async Task AnEmptyLogIsAValidChain()
    {
        Assert.Equal(new AuditVerification(true, 0, null, null, null, null, null), await new InMemoryAuditLog(_clock).VerifyAsync());
    }

    [Fact]
    public async Task AModifiedEntryIsReportedAsAHashMismatchAtItsSequence()
    {
        var entries = await SeededEntriesAsync();
        var tamperings = new Func<AuditEntry, AuditEntry>[]
        {
            e => e with { Actor = "mallory" },
            e => e with { Outcome = "rejected" },
            e => e with { Reason = null },
            e => e with { Details = e.Details.SetItem("approvedBy", "mallory") },
            e => e with { At = e.At.AddSeconds(-1) },
        };
        foreach (var tamper in tamperings)
        {
            var tampered = entries.Select(e => e.Sequence == 5 ? tamper(e) : e);
            var verification = await InMemoryAuditLog.FromEntries(tampered).VerifyAsync();
            Assert.False(verification.Valid);
            Assert.Equal((5L, AuditChainBreak.HashMismatch, 5L), (verification.FirstBrokenSequence, verification.Break, verification.EntriesChecked));
            Assert.Contains("changed", verification.Reason, StringComparison.Ordinal);
            Assert.Equal((4L, entries[3].Hash), (verification.LastSequence, verification.LastHash));
        }
    }

    [Fact]
    public async Task ARemovedEntryIsReportedAsTheMissingSequence()
    {
        var entries = await SeededEntriesAsync();
        var middle = await InMemoryAuditLog.FromEntries(entries.Where(e => e.Sequence != 7)).VerifyAsync();
        Assert.Equal((false, 7L, AuditChainBreak.MissingEntry), (middle.Valid, middle.FirstBrokenSequence, middle.Break));
        Assert.Equal("Entry 7 is missing: entry 6 is followed by entry 8.", middle.Reason);

        var first = await InMemoryAuditLog.FromEntries(entries.Skip(2)).VerifyAsync();
        Assert.Equal((false, 1L, AuditChainBreak.MissingEntry), (first.Valid, first.FirstBrokenSequence, first.Break));
        Assert.Equal("Entries 1 to 2 are missing: the chain starts at entry 3.", first.Reason);
    }

    [Fact]
    public async Task AnEntryRewrittenWithAFreshHashBreaksTheLinkOfTheNextEntry()
    {
        var entries = await SeededEntriesAsync();
        var tampered = entries.Select(e => e.Sequence == 5 ? Rehash(e with { Actor = "mallory" }) : e);
        var verification = await InMemoryAuditLog.FromEntries(tampered).VerifyAsync();
        Assert.Equal((false, 6L, AuditChainBreak.LinkMismatch), (verification.Valid, verification.FirstBrokenSequence, verification.Break));
        Assert.Equal("Entry 6 does not link to entry 5: its previous hash differs from that entry's hash.", verification.Reason);
    }

    [Fact]
    public async Task TwoEntriesSwappedRenumberedAndRehashedBreakTheLinkWhereTheSwapStarts()
    {
        var entries = await SeededEntriesAsync();
        var swapped = entries.ToList();
        swapped[2] = Rehash(entries[3] with { Sequence = 3 });
        swapped[3] = Rehash(entries[2] with { Sequence = 4 });
        var verification = await InMemoryAuditLog.FromEntries(swapped).VerifyAsync();
        Assert.Equal((false, 3L, AuditChainBreak.LinkMismatch), (verification.Valid, verification.FirstBrokenSequence, verification.Break));

        var reordered = await InMemoryAuditLog.FromEntries([entries[0], entries[1], entries[3], entries[2], .. entries.Skip(4)]).VerifyAsync();
        Assert.Equal((false, 3L), (reordered.Valid, reordered.FirstBrokenSequence));

        var repeated = await InMemoryAuditLog.FromEntries([entries[0], entries[1], entries[1]]).VerifyAsync();
        Assert.Equal((false, 2L, AuditChainBreak.OutOfOrder), (repeated.Valid, repeated.FirstBrokenSequence, repeated.Break));
    }

    [Fact]
    public async Task AChainRewrittenFromTheTamperedEntryOnwardsIsCaughtByAnAnchorKeptElsewhere()
    {
        var entries = await SeededEntriesAsync();
        var rewritten = Rechain(entries.Select(e => e.Sequence == 5 ? e with { Actor = "mallory" } : e));

        // Whoever can recompute every later hash can forge a consistent chain: only an anchor held outside catches it.
        Assert.True((await InMemoryAuditLog.FromEntries(rewritten).VerifyAsync()).Valid);
        var anchored = await InMemoryAuditLog.FromEntries(rewritten).VerifyAsync(new AuditAnchor(8, entries[7].Hash));
        Assert.Equal((false, 8L, AuditChainBreak.AnchorMismatch), (anchored.Valid, anchored.FirstBrokenSequence, anchored.Break));

        var beforeTampering = await InMemoryAuditLog.FromEntries(rewritten).VerifyAsync(new AuditAnchor(4, entries[3].Hash));
        Assert.True(beforeTampering.Valid);
    }

    [Fact]
    public async Task EntriesCutFromTheEndAreCaughtByAnAnchor()
    {
        var entries = await SeededEntriesAsync();
        var truncated = InMemoryAuditLog.FromEntries(entries.Take(10));
        Assert.True((await truncated.VerifyAsync()).Valid);

        var verification = await truncated.VerifyAsync(new AuditAnchor(12, entries[11].Hash));
        Assert.Equal((false, 11L, AuditChainBreak.AnchorMismatch), (verification.Valid, verification.FirstBrokenSequence, verification.Break));
        Assert.Equal((10L, entries[9].Hash), (verification.LastSequence, verification.LastHash));

        var emptied = await InMemoryAuditLog.FromEntries([]).VerifyAsync(new AuditAnchor(1, entries[0].Hash));
        Assert.Equal((false, 1L, AuditChainBreak.AnchorMismatch), (emptied.Valid, emptied.FirstBrokenSequence, emptied.Break));
    }

    [Fact]
    public async Task TimeNeverRunsBackwardsAlongTheChainEvenWhenTheClockDoes()
    {
        var log = new InMemoryAuditLog(_clock);
        var first = await log.AppendAsync(new AuditRecord("alice", AuditActions.ConfigChanged, "ok"));
        _clock.Now = AuditScenario.Start.AddHours(-1);
        var second = await log.AppendAsync(new AuditRecord("bob", AuditActions.ConfigChanged, "ok"));
        Assert.Equal(first.At, second.At);
        _clock.Now = AuditScenario.Start.AddTicks(1_234_567);
        var third = await log.AppendAsync(new AuditRecord("carol", AuditActions.ConfigChanged, "ok"));
        Assert.Equal(AuditScenario.Start.AddTicks(1_234_560), third.At);
        Assert.True((await log.VerifyAsync()).Valid);
    }

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task ABadRecordIsRefusedNamingTheFieldAndNothingIsAppended(AuditRecord record, string field)
    {
        var log = new InMemoryAuditLog(_clock);
        var error = await Assert.ThrowsAsync<ValidationException>(() => log.AppendAsync(record));
        Assert.Contains(field, error.Errors.Keys);
        Assert.Empty(await log.ReadAsync(0, 10));
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task ABadQueryIsRefusedNamingTheField(AuditQuery query, string field)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => new InMemoryAuditLog(_clock).SearchAsync(query));
        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public async Task ABadRangeOrAnchorIsRefusedNamingTheField()
    {
        var log = new InMemoryAuditLog(_clock);
        var range = await Assert.ThrowsAsync<ValidationException>(() => log.ExportAsync(AuditScenario.Start, AuditScenario.Start.AddDays(-1)));
        Assert.Contains("to", range.Errors.Keys);
        var hash = await Assert.ThrowsAsync<ValidationException>(() => log.VerifyAsync(new AuditAnchor(1, "ABC")));
        Assert.Contains("anchorHash", hash.Errors.Keys);
        var sequence = await Assert.ThrowsAsync<ValidationException>(() => log.VerifyAsync(new AuditAnchor(0, AuditHash.Genesis)));
        Assert.Contains("anchorSequence", sequence.Errors.Keys);
    }

    [Fact]
    public async Task SearchFiltersByTimeActorResourceAndActionAndPagesNewestFirst()
    {
        var log = new InMemoryAuditLog(_clock);
        await AuditScenario.SeedAsync(log, _clock);
        await AuditScenario.AssertSearchesAsync(log);
    }

    [Fact]
    public async Task TheComplianceReportNamesApproversRunsWithAndWithoutApprovalAndPolicyDenials()
    {
        var log = new InMemoryAuditLog(_clock);
        await AuditScenario.SeedAsync(log, _clock);
        await AuditScenario.AssertExportsAsync(log);
    }

    [Fact]
    public async Task ConcurrentAppendersFormOneChainWithoutGaps()
    {
        var log = new InMemoryAuditLog(TimeProvider.System);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await log.AppendAsync(new AuditRecord($"agent-{t}", AuditActions.ActionStep, AuditOutcomes.Succeeded, ActionId: $"act-{t}-{i}"));
            }
        })));
        var verification = await log.VerifyAsync();
        Assert.Equal((true, 400L, 400L), (verification.Valid, verification.EntriesChecked, verification.LastSequence));
    }

    private static AuditEntry Rehash(AuditEntry entry) => entry with { Hash = AuditHash.Compute(entry) };

    private static List<AuditEntry> Rechain(IEnumerable<AuditEntry> entries)
    {
        var previous = AuditHash.Genesis;
        var chain = new List<AuditEntry>();
        foreach (var entry in entries)
        {
            var linked = Rehash(entry with { Sequence = chain.Count + 1, PreviousHash = previous });
            chain.Add(linked);
            previous = linked.Hash;
        }

        return chain;
    }

    private async Task<IReadOnlyList<AuditEntry>> SeededEntriesAsync() =>
        await AuditScenario.SeedAsync(new InMemoryAuditLog(_clock), _clock);
}
