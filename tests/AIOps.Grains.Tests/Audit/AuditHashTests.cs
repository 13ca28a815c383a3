using System.Collections.Immutable;
using AIOps.Abstractions.Audit;
using AIOps.Grains.Audit;

namespace AIOps.Grains.Tests.Audit;

public sealed class AuditHashTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private static readonly AuditRecord Record = new(
        "alice", AuditActions.ApprovalGranted, "approved", "k8s:prod:deployment/shop/cart", "act-1", null, "ok ✓",
        ImmutableDictionary<string, string>.Empty.Add("b", "2").Add("a", "1"));

    private static string Hash(AuditRecord record, long sequence = 1, DateTimeOffset? at = null, string previous = AuditHash.Genesis) =>
        AuditHash.Compute(sequence, at ?? At, record, previous);

    [Fact]
    public void TheHashMatchesTheDocumentedEncodingComputedIndependently()
    {
        // Computed with a separate Python implementation of the encoding described on AuditHash: a change here
        // breaks every chain already stored, so it must be deliberate (and come with a new version tag).
        Assert.Equal("784a0e37459ca4c29e2f6a5496d819579f4b4ee2d2c23a837b4389b5e4ed21ec", Hash(Record));
    }

    [Fact]
    public void TheGenesisHashIsSixtyFourZeros()
    {
        Assert.Equal(new string('0', 64), AuditHash.Genesis);
        Assert.Equal(AuditHash.Length, Hash(Record).Length);
    }

    [Fact]
    public void EveryFieldTakesPartInTheHash()
    {
        var variants = new[]
        {
            Hash(Record),
            Hash(Record, sequence: 2),
            Hash(Record, at: At.AddSeconds(1)),
            Hash(Record, previous: new string('f', 64)),
            Hash(Record with { Actor = "alicE" }),
            Hash(Record with { Action = AuditActions.ApprovalRejected }),
            Hash(Record with { Outcome = "rejected" }),
            Hash(Record with { ResourceId = null }),
            Hash(Record with { ActionId = "act-2" }),
            Hash(Record with { AgentId = "kubernetes" }),
            Hash(Record with { Reason = "ok" }),
            Hash(Record with { Details = Record.Details!.SetItem("a", "one") }),
            Hash(Record with { Details = Record.Details!.Add("c", "") }),
            Hash(Record with { Details = null }),
        };
        Assert.Equal(variants.Length, variants.Distinct().Count());
    }

    [Fact]
    public void FieldBoundariesCannotBeShiftedToForgeTheSameHash()
    {
        Assert.NotEqual(Hash(Record with { Actor = "ab", Action = "c" }), Hash(Record with { Actor = "a", Action = "bc" }));
        Assert.NotEqual(Hash(Record with { ResourceId = null, ActionId = "x" }), Hash(Record with { ResourceId = "x", ActionId = null }));
        Assert.NotEqual(Hash(Record with { Reason = null }), Hash(Record with { Reason = "" }));
        Assert.NotEqual(
            Hash(Record with { Details = ImmutableDictionary<string, string>.Empty.Add("ab", "c") }),
            Hash(Record with { Details = ImmutableDictionary<string, string>.Empty.Add("a", "bc") }));
        Assert.NotEqual(
            Hash(Record with { Details = ImmutableDictionary<string, string>.Empty.Add("a", "1").Add("b", "2") }),
            Hash(Record with { Details = ImmutableDictionary<string, string>.Empty.Add("a", "2").Add("b", "1") }));
    }

    [Fact]
    public void DetailsHashTheSameWhateverOrderOrComparerTheyWereBuiltWith()
    {
        var reversed = ImmutableDictionary.CreateRange(StringComparer.Ordinal, Record.Details!.OrderByDescending(d => d.Key, StringComparer.Ordinal));
        Assert.Equal(Hash(Record), Hash(Record with { Details = reversed }));
        Assert.Equal(Hash(Record with { Details = null }), Hash(Record with { Details = ImmutableDictionary<string, string>.Empty }));
    }

    [Fact]
    public void TimeIsHashedAsTheUtcInstantToTheMicrosecond()
    {
        Assert.Equal(Hash(Record), Hash(Record, at: At.ToOffset(TimeSpan.FromHours(2))));
        Assert.Equal(Hash(Record), Hash(Record, at: AuditHash.Truncate(At)));
        Assert.Equal(Hash(Record), Hash(Record, at: AuditHash.Truncate(At).AddTicks(9)));
        Assert.NotEqual(Hash(Record), Hash(Record, at: AuditHash.Truncate(At).AddTicks(10)));
        Assert.Equal(At.UtcTicks - 7, AuditHash.Truncate(At).UtcTicks);
        Assert.Equal(TimeSpan.Zero, AuditHash.Truncate(At.ToOffset(TimeSpan.FromHours(-5))).Offset);
    }

    [Fact]
    public void AnEntryHashesTheSameAsTheRecordItWasMadeFrom()
    {
        var hash = Hash(Record, sequence: 7, previous: new string('a', 64));
        var entry = new AuditEntry(7, AuditHash.Truncate(At), Record.Actor, Record.Action, Record.Outcome, Record.ResourceId, Record.ActionId,
            Record.AgentId, Record.Reason, Record.Details!, new string('a', 64), hash);
        Assert.Equal(hash, AuditHash.Compute(entry));
        Assert.NotEqual(hash, AuditHash.Compute(entry with { Actor = "mallory" }));
    }

    [Fact]
    public void AnUnpairedSurrogateIsRefusedRatherThanHashedAsAReplacementCharacter()
    {
        Assert.ThrowsAny<ArgumentException>(() => Hash(Record with { Actor = "a\ud800b" }));
    }
}
