using System.Collections.Immutable;
using AIOps.Abstractions.Audit;
using AIOps.Grains.Audit;

namespace AIOps.Grains.Tests.Audit;

/// <summary>
/// One day in the audit trail, with the searches and reports it must answer; run against the in-memory and the
/// PostgreSQL log so both keep the same contract.
/// </summary>
internal static class AuditScenario
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly ImmutableDictionary<string, string> NoDetails = ImmutableDictionary<string, string>.Empty;

    /// <summary>Entry n (from 1) is appended at <see cref="At"/>(n − 1).</summary>
    public static IReadOnlyList<AuditRecord> Records { get; } =
    [
        new("alice", AuditActions.ConfigChanged, AuditOutcomes.Succeeded, AgentId: "kubernetes",
            Details: NoDetails.Add("setting", "automationLevel").Add("old", "manual").Add("new", "semi-auto")),
        new("policy-engine", AuditActions.PolicyVerdict, AuditOutcomes.Denied, "r-db", "act-1", "terraform",
            "production databases change only in a change window", NoDetails.Add("policy", "change-window")),
        new("policy-engine", AuditActions.PolicyVerdict, AuditOutcomes.ApprovalRequired, "r-web", "act-2", "kubernetes"),
        new("orchestrator", AuditActions.ApprovalRequested, "pending", "r-web", "act-2", "kubernetes"),
        new("bob", AuditActions.ApprovalGranted, "approved", "r-web", "act-2", "kubernetes", "looks fine"),
        new("orchestrator", AuditActions.LeaseGranted, "granted", "r-web", "act-2", "kubernetes"),
        new("kubernetes", AuditActions.ActionStep, AuditOutcomes.Started, "r-web", "act-2", "kubernetes", Details: NoDetails.Add("step", "scale")),
        new("kubernetes", AuditActions.ActionStep, AuditOutcomes.Succeeded, "r-web", "act-2", "kubernetes", Details: NoDetails.Add("step", "scale")),
        new("policy-engine", AuditActions.PolicyVerdict, AuditOutcomes.Allowed, "r-cache", "act-3", "cost-optimization"),
        new("cost-optimization", AuditActions.ActionStep, AuditOutcomes.Failed, "r-cache", "act-3", "cost-optimization", "quota exceeded"),
        new("carol", AuditActions.ApprovalRejected, "rejected", "r-db", "act-4", "terraform", "not during the freeze"),
        new("orchestrator", AuditActions.LeasePreempted, "preempted", "r-web", "act-5", "incident-response", "incident remediation wins"),
    ];

    public static DateTimeOffset At(int minutes) => Start.AddMinutes(minutes);

    public static async Task<IReadOnlyList<AuditEntry>> SeedAsync(IAuditLog log, ManualClock clock)
    {
        var entries = new List<AuditEntry>();
        for (var i = 0; i < Records.Count; i++)
        {
            clock.Now = At(i);
            entries.Add(await log.AppendAsync(Records[i]));
        }

        return entries;
    }

    public static async Task AssertSearchesAsync(IAuditLog log)
    {
        await Expect(log, new AuditQuery(Actor: "bob"), 5);
        await Expect(log, new AuditQuery(ResourceId: "r-web"), 12, 8, 7, 6, 5, 4, 3);
        await Expect(log, new AuditQuery(Action: "approval"), 11, 5, 4);
        await Expect(log, new AuditQuery(Action: AuditActions.ApprovalGranted), 5);
        await Expect(log, new AuditQuery(Action: "approv"));
        await Expect(log, new AuditQuery(Action: "action"), 10, 8, 7);
        await Expect(log, new AuditQuery(From: At(4), To: At(8)), 8, 7, 6, 5);
        await Expect(log, new AuditQuery(From: At(11)), 12);
        await Expect(log, new AuditQuery(To: At(1)), 1);
        await Expect(log, new AuditQuery(ActionId: "act-2"), 8, 7, 6, 5, 4, 3);
        await Expect(log, new AuditQuery(ResourceId: "r-web", Action: AuditActions.ActionStep), 8, 7);
        await Expect(log, new AuditQuery(Actor: "nobody"));

        var page = await log.SearchAsync(new AuditQuery(Offset: 2, Limit: 3));
        Assert.Equal((12L, 2, 3), (page.Total, page.Offset, page.Limit));
        Assert.Equal([10L, 9, 8], page.Items.Select(e => e.Sequence));
        var beyond = await log.SearchAsync(new AuditQuery(Offset: 20));
        Assert.Equal(12, beyond.Total);
        Assert.Empty(beyond.Items);

        var found = (await log.SearchAsync(new AuditQuery(Actor: "alice"))).Items.Single();
        Assert.Equal(At(0), found.At);
        Assert.Equal("semi-auto", found.Details["new"]);
        Assert.Null(found.ResourceId);
        Assert.Equal(AuditHash.Compute(found), found.Hash);
    }

    public static async Task AssertExportsAsync(IAuditLog log)
    {
        var report = await log.ExportAsync(At(1), At(11));
        Assert.Equal((At(1), At(11)), (report.From, report.To));
        Assert.Equal((2L, 11L), (report.FirstSequence, report.LastSequence));
        Assert.Equal((await log.ReadAsync(10, 1)).Single().Hash, report.LastHash);
        Assert.Equal(new ComplianceCounts(10, 1, 1, 2, 1, 1, 1, 0), report.Counts);
        Assert.Equal(3, report.ByAction[AuditActions.PolicyVerdict]);
        Assert.Equal(3, report.ByAction[AuditActions.ActionStep]);
        Assert.False(report.ByAction.ContainsKey(AuditActions.ConfigChanged));

        var approval = Assert.Single(report.ApprovalsGranted);
        Assert.Equal(("bob", "act-2", "r-web", At(4)), (approval.Actor, approval.ActionId, approval.ResourceId, approval.At));
        var rejection = Assert.Single(report.ApprovalsRejected);
        Assert.Equal(("carol", "act-4", "not during the freeze"), (rejection.Actor, rejection.ActionId, rejection.Reason));
        var denial = Assert.Single(report.PolicyDenials);
        Assert.Equal(("act-1", "production databases change only in a change window", "change-window"), (denial.ActionId, denial.Reason, denial.Details["policy"]));
        Assert.Empty(report.ConfigChanges);

        Assert.Equal(
            [
                new ComplianceActionRun("act-2", "kubernetes", "r-web", At(6), At(7), 2, 0, AuditOutcomes.Succeeded, "bob", At(4)),
                new ComplianceActionRun("act-3", "cost-optimization", "r-cache", At(9), At(9), 1, 1, AuditOutcomes.Failed, null, null),
            ],
            report.ActionsRun.ToArray());

        // The approval lies before the range: the run still names its approver.
        var later = await log.ExportAsync(At(6), At(8));
        var run = Assert.Single(later.ActionsRun);
        Assert.Equal(("act-2", "bob", At(4)), (run.ActionId, run.ApprovedBy, run.ApprovedAt));
        Assert.Empty(later.ApprovalsGranted);
        Assert.Equal(0, later.Counts.ActionsRunWithoutApproval);

        var everything = await log.ExportAsync(Start.AddDays(-1), Start.AddDays(1));
        Assert.Equal(12, everything.Counts.Entries);
        Assert.Equal("alice", Assert.Single(everything.ConfigChanges).Actor);

        var empty = await log.ExportAsync(Start.AddDays(-2), Start.AddDays(-1));
        Assert.Equal(new ComplianceCounts(0, 0, 0, 0, 0, 0, 0, 0), empty.Counts);
        Assert.Null(empty.LastHash);
        Assert.Empty(empty.ByAction);
    }

    private static async Task Expect(IAuditLog log, AuditQuery query, params long[] sequences)
    {
        var page = await log.SearchAsync(query);
        Assert.Equal(sequences, page.Items.Select(e => e.Sequence));
        Assert.Equal(sequences.Length, page.Total);
    }
}
